// How big an accident or disaster is, as its copy states it up top: the
// dead, hurt, missing and evacuated that the headline and first two
// paragraphs count, and an earthquake's magnitude. The `major-disaster` alert rule asks for a
// size (AlertCondition::scale_any) so that one man through the ice, a bus
// with six lightly hurt or a magnitude 2.6 tremor do not ping the desk.
//
// Figures further down are left out on purpose: background paragraphs cite
// earlier disasters ("the 2022 fire killed 38").
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace wiredesk {

struct ItemScale {
  int dead = 0;
  int hurt = 0;
  int missing = 0;
  int evacuated = 0;
  double magnitude = 0;  // an earthquake's, 0 when none is named
};

// Reads the counts from a headline and an opening, English or Korean.
// The largest figure of each kind wins ("2 dead … toll rises to 5": 5).
// Words stand for rough figures: dozens and 수십 for 20, hundreds and 수백
// for 200, thousands and 수천 for 2,000; English number words up to twenty.
ItemScale read_scale(std::string_view headline, std::string_view lead);

// The opening of a plain-text body that states a size: its first two
// paragraphs (blank-line separated; lines when it has no blank lines). A
// lead names the disaster, the next paragraph often its magnitude or toll.
std::string_view opening(std::string_view body);

}  // namespace wiredesk
