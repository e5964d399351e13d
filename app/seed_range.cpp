// Parsing the --seeds argument.
#include "app/seed_range.hpp"

#include "engine/core/error.hpp"

#include <charconv>
#include <fmt/format.h>
#include <limits>

namespace phasor {

namespace {

// A seed is stored as a signed 64-bit preset value: past 2^63-1 it would wrap to a negative one.
constexpr std::uint64_t kMaxSeed = std::uint64_t{std::numeric_limits<std::int64_t>::max()};

bool parse_seed(std::string_view s, std::uint64_t& out) {
    if (s.empty()) return false;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc{} && end == s.data() + s.size() && out <= kMaxSeed;
}

} // namespace

std::vector<std::uint64_t> parse_seed_range(std::string_view text) {
    const auto bad = [&](std::string_view why) {
        return InputError(
            fmt::format("--seeds {}: {} (expected A..B, e.g. 1..10, or a single seed)", text, why));
    };
    std::uint64_t first = 0, last = 0;
    if (const auto dots = text.find(".."); dots == std::string_view::npos) {
        if (!parse_seed(text, first)) throw bad(fmt::format("not a whole number from 0 to {}", kMaxSeed));
        last = first;
    } else if (!parse_seed(text.substr(0, dots), first) || !parse_seed(text.substr(dots + 2), last)) {
        throw bad(fmt::format("both ends must be whole numbers from 0 to {}", kMaxSeed));
    }
    if (last < first) throw bad("the range is empty (the first seed is greater than the last)");
    if (last - first >= kMaxSeedsPerRun) throw bad(fmt::format("at most {} seeds per run", kMaxSeedsPerRun));
    std::vector<std::uint64_t> seeds;
    for (std::uint64_t s = first;; ++s) {
        seeds.push_back(s);
        if (s == last) break;
    }
    return seeds;
}

} // namespace phasor
