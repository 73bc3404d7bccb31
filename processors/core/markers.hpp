// Editorial markers of a wire headline, as bits: what normalize.hpp's
// parse_headline() reads and the dedup and alert stages act on.
#pragma once

#include <cstdint>

namespace wiredesk {

// What the headline's editorial markers say about an item. Bit set.
namespace marker {
inline constexpr uint8_t flash = 1 << 0;          // (URGENT), [속보], (1보), BREAKING
inline constexpr uint8_t write_through = 1 << 1;  // (LEAD), (2nd LD), (종합), UPDATE 1-, …
inline constexpr uint8_t correction = 1 << 2;     // (CORRECTED), (Correction), (정정)
inline constexpr uint8_t kill = 1 << 3;           // (KILL), (WITHDRAWN)
inline constexpr uint8_t hold = 1 << 4;           // (HOLD)
inline constexpr uint8_t distinct = 1 << 5;       // (News Focus), (Interview), (사설): own article
}  // namespace marker

}  // namespace wiredesk
