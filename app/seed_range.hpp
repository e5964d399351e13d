// Parsing the --seeds argument: "A..B" (inclusive) or a single seed.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

namespace phasor {

inline constexpr std::uint64_t kMaxSeedsPerRun = 10000;

// Throws InputError naming the option and the expected form.
std::vector<std::uint64_t> parse_seed_range(std::string_view text);

} // namespace phasor
