// Is a short Korean term a word of its own where it matched? (design §5)
//
// Korean terms match as substrings, because particles and endings attach to
// words without a space (북한은, 미사일을, 발사했다). For terms of three or more
// syllables that is safe; a one- or two-syllable term is too often the start
// of another word: 핵 (nuclear) in 핵심 (key) and 핵가족 (nuclear family), 정상
// (summit) in 정상화 (normalization) and 정상적 (normal), 북한 in 북한산 (a
// mountain). A one-syllable term must begin its word (비핵화 is not 핵), and
// what may follow it before the word ends is a closed list: an optional noun
// suffix that keeps its sense (들, 측, 군, 간, 내, 외, 상, 인 …), then an
// optional particle (은, 를, 에서, 으로는 …), or a verb ending of a 하다/되다
// verb (핵하다 is rare, but 사격했다 is not). A two-syllable term may head a
// compound (축구연맹, 북한군, 핵실험장 keep its sense) but not take a suffix
// that makes another word of it: 화, 적, 산, 성.
#pragma once

#include <string_view>

namespace wiredesk {

// `before`: the text before the match (its field, up to the match); `after`:
// the text after it. `syllables`: the term's length (1 or 2).
bool korean_word_ok(std::string_view before, std::string_view after, int syllables);

// A name (see PatternInfo::hangul_name): only particles, noun suffixes and
// verb endings may follow it before its word ends.
bool korean_name_ok(std::string_view after);

}  // namespace wiredesk
