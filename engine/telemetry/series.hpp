// One sample of the scalar time series, taken every `series_every` ticks.
#pragma once
#include <array>
#include <cstdint>
#include <string_view>

namespace phasor {

struct SeriesSample {
    std::uint64_t tick = 0;
    float loss = 0.f;              // mean loss of the scored ticks since the previous sample
    float rolling_accuracy = 0.f;
    float lr = 0.f;
    float ticks_per_second = 0.f;  // filled by the trainer (0 when run headless)
    float queue_occupancy = 0.f;
    float attention_min = 1.f;     // over all tensors of the last update
    float attention_max = 1.f;
    float attention_entropy = 0.f; // mean over tensors of entropy(softmax factors) / log N: 1 = uniform
};

inline constexpr std::array<std::string_view, 9> kSeriesColumns{
    "tick", "loss", "rolling_accuracy", "lr", "ticks_per_second", "queue_occupancy",
    "attention_min", "attention_max", "attention_entropy"};

} // namespace phasor
