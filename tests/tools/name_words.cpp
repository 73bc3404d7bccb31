// Developer tool: the words each item could be told by (names.hpp), for
// scripts/gen-common-words, which counts the stories that use each.
//
//   name-words ITEMS.jsonl
//
// One line per input line: the words of the headline and of every body
// paragraph, folded, tab-separated, before common words are taken out (an
// empty line for a line that does not decode).
#include <fstream>
#include <iostream>
#include <string>

#include "processors/decode/decode.hpp"
#include "processors/dedup/names.hpp"

int main(int argc, char** argv) {
  using namespace wiredesk;
  if (argc != 2) {
    std::cerr << "usage: name-words ITEMS.jsonl\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::cerr << "cannot read " << argv[1] << "\n";
    return 2;
  }
  Decoder decoder(DecodeOptions{});
  for (std::string line; std::getline(in, line);) {
    DecodeResult r = decoder.decode(line, "");
    if (r.ok()) {
      const auto words = name_words(r.item().headline(), r.item().body_text(), true);
      for (size_t i = 0; i < words.size(); ++i) std::cout << (i ? "\t" : "") << words[i];
    }
    std::cout << '\n';
  }
  return 0;
}
