// What the spiking family publishes to its panels each snapshot. Everything is sized once per run and
// decimated in the engine, so a snapshot costs the same whether the network fires a thousand spikes a second
// or ten million: the raster is a bitmap of (time column × neuron row), the phase plot keeps the latest
// spikes, the 3D view at most kPoints neurons.
#pragma once
#include "engine/spiking/circuit.hpp"
#include "engine/telemetry/snapshot.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace phasor {

// The spike raster over the last `window` simulated seconds: kColumns time columns × `rows` neuron rows; a
// bit is set when any neuron of that row fired in that column. Neuron k is on row k · rows / neurons. Columns
// are a ring: absolute column c (covering [c, c + 1) · column_seconds) is stored at c % kColumns; `newest` is
// the absolute column of the current time, and columns older than newest − kColumns + 1 are gone.
struct SpikeRasterView {
    static constexpr int kColumns = 1024;
    static constexpr int kMaxRows = 1024;
    int rows = 0;
    int words_per_column = 0;    // (rows + 63) / 64
    double window = 1.0;         // s
    double column_seconds = 0.0; // window / kColumns
    std::uint64_t newest = 0;
    std::vector<std::uint64_t> bits; // kColumns × words_per_column, column-major
    bool test(std::uint64_t column, int row) const {
        const std::size_t w = static_cast<std::size_t>(column % kColumns) * words_per_column + row / 64;
        return (bits[w] >> (row % 64)) & 1u;
    }
};

// A spike in the phase plot: when (s), its theta phase (radians), its population.
struct PhasePoint {
    float time = 0.f, phase = 0.f;
    std::uint16_t population = 0;
};

struct PopulationView {
    std::string name;
    std::uint32_t first = 0, size = 0;
    bool excitatory = true, input = false;
    float rate_hz = 0.f;      // over the last series interval
    std::uint64_t spikes = 0; // since the run started
    // Theta phases of its spikes in the last window: kPhaseBins counts over [0, 2π), the phase-locking value
    // |mean e^{iφ}| and the mean phase (radians); zero counts and NaN when arrhythmic or silent.
    static constexpr int kPhaseBins = 36;
    std::array<std::uint32_t, kPhaseBins> phase_histogram{};
    float plv = 0.f, mean_phase = 0.f;
};

// A neuron the user follows (`view.follow`): its membrane and spikes over the last window.
struct FollowedNeuron {
    std::uint32_t neuron = 0;
    int population = 0;
    std::vector<float> time, v; // kTrace samples, oldest first (s, V); v is NaN for an input
    std::vector<float> spikes;  // spike times in the window (s), oldest first
};

struct SpikingView : PayloadOf<SpikingView> {
    static constexpr int kPhasePoints = 4096; // the latest spikes of a rhythmic circuit
    static constexpr int kTrace = 512;        // points of a rhythm or membrane trace over the window
    static constexpr int kPoints = 20000;     // neurons the 3D view shows at most (every stride-th)
    static constexpr int kWeightBins = 64;
    static constexpr int kHistory = 512; // series points kept (thinned like MachView's)

    std::string circuit; // "cuba", "coba", "song", "stdp_large", "local", "precession", "theta_gamma", ...
    double time = 0.0;   // simulated seconds now
    float dt = 0.f;
    std::uint64_t cycles = 0, spikes = 0;
    std::uint32_t neurons = 0;
    std::uint64_t synapses = 0;
    std::vector<PopulationView> populations;

    SpikeRasterView raster;

    // Rhythm: the latest spikes' phases, and the theta and gamma signals (cos of their phases) over the
    // window.
    bool rhythmic = false;
    float theta_hz = 0.f;
    int gamma_per_theta = 0;
    std::vector<PhasePoint> phase_points;         // oldest first, at most kPhasePoints
    std::vector<float> rhythm_time, theta, gamma; // kTrace points each, oldest first

    std::vector<FollowedNeuron> followed;

    // 3D: every stride-th neuron's position and seconds since it last fired (+inf: never); the picked neuron
    // (the first followed one) and its targets' indices.
    bool placed = false; // false: positions are a layout of the populations on planes
    std::uint32_t stride = 1;
    std::vector<Vec3> points;
    std::vector<float> since_spike;
    Vec3 lo, hi; // the box the neurons fill
    std::int64_t picked = -1;
    std::vector<std::uint32_t> picked_targets; // at most 2,000
    std::vector<Vec3> picked_target_points;

    // Plastic weights: the current histogram over [0, weight_max] and one per series point.
    bool plastic = false;
    float weight_max = 0.f;
    std::array<std::uint32_t, kWeightBins> weights{};
    std::vector<std::array<std::uint32_t, kWeightBins>> weight_history;

    // Series history for the rate curves: time (s) and [population][point] rates (Hz).
    std::vector<float> history_time;
    std::vector<std::vector<float>> history_rate;
    std::vector<float> history_reward; // NaN without an environment

    bool has_environment = false;
    EnvironmentState environment;
};

} // namespace phasor
