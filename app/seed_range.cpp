// Parsing the --seeds argument.
#include "app/seed_range.hpp"

#include "engine/core/error.hpp"

#include <charconv>
#include <fmt/format.h>

namespace phasor {

namespace {

bool parse_seed(std::string_view s, std::uint64_t& out) {
    if (s.empty()) return false;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc{} && end == s.data() + s.size();
}

} // namespace

std::vector<std::uint64_t> parse_seed_range(std::string_view text) {
    const auto bad = [&](std::string_view why) {
        return InputError(
            fmt::format("--seeds {}: {} (expected A..B, e.g. 1..10, or a single seed)", text, why));
    };
    std::uint64_t first = 0, last = 0;
    if (const auto dots = text.find(".."); dots == std::string_view::npos) {
        if (!parse_seed(text, first)) throw bad("not a seed number");
        last = first;
    } else if (!parse_seed(text.substr(0, dots), first) || !parse_seed(text.substr(dots + 2), last)) {
        throw bad("both ends must be non-negative whole numbers");
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
