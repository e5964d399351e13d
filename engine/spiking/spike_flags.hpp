// The spikes of a step as a byte per neuron, set by a population's vectorised update, and turned into a list
// of indices eight neurons at a time: on most steps most neurons do not fire, so the scan skips them a word
// at a time instead of testing each one.
#pragma once
#include <bit>
#include <cstdint>
#include <cstring>
#include <vector>

namespace phasor {

// Appends (in increasing order) `offset` plus the index of every flag that is 1 among the first `n`.
inline void collect_spikes(const std::vector<std::uint8_t>& fired, std::size_t n, std::uint32_t offset,
                           std::vector<std::uint32_t>& spiked) {
    std::size_t k = 0;
    for (; k + 8 <= n; k += 8) {
        std::uint64_t word;
        std::memcpy(&word, fired.data() + k, sizeof word);
        while (word) {
            // Flags are 0 or 1, so each set bit is one neuron: its byte is its bit's index / 8.
            const auto bit = static_cast<std::size_t>(std::countr_zero(word));
            spiked.push_back(static_cast<std::uint32_t>(k + bit / 8) + offset);
            word &= word - 1;
        }
    }
    for (; k < n; ++k)
        if (fired[k]) spiked.push_back(static_cast<std::uint32_t>(k) + offset);
}

} // namespace phasor
