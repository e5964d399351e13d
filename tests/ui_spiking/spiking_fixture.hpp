// The spiking panel tests' fixture: a headless ImGui, a snapshot whose SpikingView the test fills by hand
// (the engine's is not needed to check what the panels make of one), the plots a frame drew, and a look at
// the vertices a frame put down (a colour in a rectangle), which is what reaches the screen.
#pragma once
#include "engine/spiking/spiking_view.hpp"
#include "ui/plot/text_export.hpp"
#include "ui_panels/payload_panels_test.hpp"

#include <cmath>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <limits>
#include <memory>
#include <numbers>
#include <string>

namespace phasor::ui::testing {

inline constexpr float kInf = std::numeric_limits<float>::infinity();

// 800 excitatory, 200 inhibitory and 200 Poisson inputs (1,200 neurons on `rows` raster rows), 1 s window
// at t = 2 s, a rhythm at 8 Hz, two followed neurons, 3D points on a 10 × 10 × 12 grid, plastic weights, a
// rate history and a two-armed bandit.
inline SpikingView spiking_view(int rows = 1024) {
    SpikingView v;
    v.circuit = "test";
    v.time = 2.0;
    v.dt = 1e-4f;
    v.neurons = 1200;
    v.synapses = 24000;
    const char* names[] = {"excitatory", "inhibitory", "inputs"};
    const std::uint32_t first[] = {0, 800, 1000}, size[] = {800, 200, 200};
    for (int p = 0; p < 3; ++p) {
        PopulationView pop;
        pop.name = names[p];
        pop.first = first[p];
        pop.size = size[p];
        pop.excitatory = p != 1;
        pop.input = p == 2;
        pop.rate_hz = 5.f + static_cast<float>(p);
        for (int b = 0; b < PopulationView::kPhaseBins; ++b)
            pop.phase_histogram[static_cast<std::size_t>(b)] =
                static_cast<std::uint32_t>(10 + 40 * std::exp(-std::pow((b - 9 - 9 * p) / 4.0, 2)));
        pop.plv = 0.2f + 0.3f * static_cast<float>(p);
        pop.mean_phase = static_cast<float>(std::numbers::pi / 2 * (1 + p));
        v.populations.push_back(pop);
    }
    SpikeRasterView& r = v.raster;
    r.rows = rows;
    r.words_per_column = (rows + 63) / 64;
    r.window = 1.0;
    r.column_seconds = 1.0 / SpikeRasterView::kColumns;
    r.newest = 2 * SpikeRasterView::kColumns - 1;
    r.bits.assign(static_cast<std::size_t>(SpikeRasterView::kColumns) * r.words_per_column, 0);

    v.rhythmic = true;
    v.theta_hz = 8.f;
    v.gamma_per_theta = 6;
    for (int i = 0; i < SpikingView::kTrace; ++i) {
        const float t = 1.f + static_cast<float>(i) / SpikingView::kTrace;
        v.rhythm_time.push_back(t);
        v.theta.push_back(std::cos(2.f * std::numbers::pi_v<float> * 8.f * t));
        v.gamma.push_back(std::cos(2.f * std::numbers::pi_v<float> * 48.f * t));
    }
    for (int i = 0; i < 400; ++i) {
        const float t = 1.f + static_cast<float>(i) / 400.f;
        // Precessing: late to early phase over each 0.25 s.
        const float phase = 2.f * std::numbers::pi_v<float> * (1.f - std::fmod(t, 0.25f) / 0.25f) * 0.9f;
        v.phase_points.push_back({t, phase, static_cast<std::uint16_t>(i % 3)});
    }
    for (std::uint32_t n : {5u, 900u}) {
        FollowedNeuron f;
        f.neuron = n;
        f.population = n < 800 ? 0 : 1;
        for (int i = 0; i < SpikingView::kTrace; ++i) {
            const float t = 1.f + static_cast<float>(i) / SpikingView::kTrace;
            f.time.push_back(t);
            f.v.push_back(-0.065f + 0.012f * std::fmod(t * 10.f, 1.f));
        }
        f.spikes = {1.1f, 1.5f, 1.9f};
        v.followed.push_back(f);
    }
    v.placed = true;
    v.stride = 1;
    v.lo = {0, 0, 0};
    v.hi = {1e-3f, 1e-3f, 1.2e-3f};
    for (std::uint32_t n = 0; n < 1200; ++n) {
        v.points.push_back({1e-4f * static_cast<float>(n % 10), 1e-4f * static_cast<float>(n / 10 % 10),
                            1e-4f * static_cast<float>(n / 100)});
        v.since_spike.push_back(n % 50 == 0 ? 0.001f : kInf);
    }
    v.picked = 5;
    for (std::uint32_t t : {6u, 15u, 105u}) {
        v.picked_targets.push_back(t);
        v.picked_target_points.push_back(v.points[t]);
    }
    v.plastic = true;
    v.weight_max = 0.01f;
    for (int b = 0; b < SpikingView::kWeightBins; ++b)
        v.weights[static_cast<std::size_t>(b)] = static_cast<std::uint32_t>(b < 8 || b > 56 ? 300 : 20);
    for (int p = 0; p < 20; ++p) {
        v.history_time.push_back(0.1f * static_cast<float>(p));
        std::array<std::uint32_t, SpikingView::kWeightBins> h{};
        h[static_cast<std::size_t>(32 - p)] = 1000;
        h[static_cast<std::size_t>(32 + p)] = 1000;
        v.weight_history.push_back(h);
        v.history_reward.push_back(0.5f + 0.02f * static_cast<float>(p));
    }
    v.history_rate.resize(3);
    for (int p = 0; p < 3; ++p)
        for (int i = 0; i < 20; ++i) v.history_rate[static_cast<std::size_t>(p)].push_back(5.f + 5.f * p);
    v.has_environment = true;
    EnvironmentState& e = v.environment;
    e.kind = "bandit";
    e.status = "arm 2 chosen 78 %";
    e.action_names = {"arm 1", "arm 2"};
    e.action_probability = {0.22f, 0.78f};
    e.arm_reward = {0.2f, 0.8f};
    e.action = 1;
    e.reward = 1.f;
    e.reward_rate = 0.7f;
    e.decisions = 120;
    return v;
}

// Sets the raster bit of `row` at the absolute column `column`.
inline void set_bit(SpikingView& v, std::uint64_t column, int row) {
    SpikeRasterView& r = v.raster;
    const std::size_t w =
        static_cast<std::size_t>(column % SpikeRasterView::kColumns) * r.words_per_column + row / 64;
    r.bits[w] |= std::uint64_t{1} << (row % 64);
}

using SpikingPanelsTest = PayloadPanelsTest<SpikingView>;

inline std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1))
        ++n;
    return n;
}

template <class Drawing> const Drawing* drawing_of(const plot::PlotShelf::Entry* entry) {
    return entry == nullptr ? nullptr : dynamic_cast<const Drawing*>(entry->plot.drawing);
}

} // namespace phasor::ui::testing
