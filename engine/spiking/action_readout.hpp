// The action readout of the seed document: output neurons grouped per action, the last C cycles of their
// spikes interpreted as probabilities over actions, one action drawn from them. The counts of each cycle sit
// in a ring of C slots; a spike `a` cycles old (0: this cycle) weighs exp(−a / recency), or 1 when recency is
// 0. The weighted counts s_a ("evidence") become probabilities by one of two rules:
//   proportional:  p_a = (1 − floor) · s_a / Σ s + floor / A   (uniform when no spike at all)
//   softmax:       p_a = exp(s_a / T) / Σ exp(s_b / T)
// Proportional is the default: it is scale-free in the sense that matters here (doubling every rate leaves
// the choice alone), and the floor keeps every action tried now and then, so the learner never stops
// exploring. Softmax reads the evidence in spikes, so its temperature must be set for the firing rates at
// hand.
#pragma once
#include "engine/core/rng.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace phasor {

enum class ReadoutRule { proportional, softmax };

struct ReadoutConfig {
    int actions = 2;
    std::uint32_t neurons_per_action = 10; // action k reads output neurons [k · n, (k + 1) · n)
    int window = 200;                      // C, cycles
    float recency = 0.f;                   // cycles; 0: every spike in the window weighs the same
    ReadoutRule rule = ReadoutRule::proportional;
    float floor = 0.1f;      // proportional: the probability mass spread evenly over the actions
    float temperature = 1.f; // softmax: in weighted spikes
    bool greedy = false;     // take the most probable action (ties drawn at random) instead of sampling
};

class ActionReadout {
  public:
    ActionReadout(ReadoutConfig config, std::uint64_t seed);

    // One cycle's spikes: those of global neurons [first, first + actions · neurons_per_action) count, the
    // rest are ignored. The oldest cycle leaves the window. Allocates nothing.
    void record(std::span<const std::uint32_t> spiked, std::uint32_t first);
    // C, changed live: the newest min(cycles seen, C) cycles are kept.
    void set_window(int cycles);
    int window() const { return config_.window; }
    // Cycles recorded so far that are still in the window.
    int filled() const { return filled_; }
    const ReadoutConfig& config() const { return config_; }

    // The weighted counts per action and the probabilities they give, for the window as it is now.
    std::span<const float> evidence();
    std::span<const float> probabilities();
    // An action drawn from probabilities() (or the greedy one), with the readout's own seeded stream.
    int choose();
    // The probabilities as probabilities() or choose() last left them.
    std::span<const float> last_probabilities() const { return probability_; }

  private:
    ReadoutConfig config_;
    std::vector<std::uint16_t> counts_; // window × actions: slot (cycle % window), action
    std::vector<float> age_weight_;     // window: the weight of a spike by its age in cycles
    std::vector<float> evidence_, probability_;
    int head_ = -1; // the slot of the newest cycle
    int filled_ = 0;
    Rng rng_;

    void weigh_ages();
};

} // namespace phasor
