# wiredesk_library(NAME SRCS ... PUBLIC_DEPS ... PRIVATE_DEPS ...)
# One folder, one static library, with an alias wiredesk::NAME.
# Dependencies are PUBLIC only where this library's headers expose them.
function(wiredesk_library name)
  cmake_parse_arguments(ARG "" "" "SRCS;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(wiredesk_${name} STATIC ${ARG_SRCS})
  add_library(wiredesk::${name} ALIAS wiredesk_${name})
  target_include_directories(wiredesk_${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(wiredesk_${name} PUBLIC ${ARG_PUBLIC_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  wiredesk_warnings(wiredesk_${name})
endfunction()

function(wiredesk_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
  if(WIREDESK_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
