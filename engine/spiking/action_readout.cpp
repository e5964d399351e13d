// The action readout over the last C cycles (see action_readout.hpp).
#include "engine/spiking/action_readout.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace phasor {

ActionReadout::ActionReadout(ReadoutConfig config, std::uint64_t seed)
    : config_(config), evidence_(static_cast<std::size_t>(std::max(config.actions, 0)), 0.f),
      probability_(evidence_.size(), 0.f), rng_(seed) {
    if (config.actions < 1 || config.neurons_per_action < 1 || config.window < 1 || !(config.recency >= 0) ||
        !(config.floor >= 0 && config.floor <= 1) || !(config.temperature > 0))
        throw std::invalid_argument(
            "ActionReadout: actions, neurons per action and window >= 1, recency >= 0, "
            "floor in [0, 1], temperature > 0");
    counts_.assign(static_cast<std::size_t>(config.window) * config.actions, 0);
    weigh_ages();
}

void ActionReadout::weigh_ages() {
    age_weight_.resize(static_cast<std::size_t>(config_.window));
    for (int a = 0; a < config_.window; ++a)
        age_weight_[a] =
            config_.recency > 0 ? static_cast<float>(std::exp(-a / double(config_.recency))) : 1.f;
}

void ActionReadout::record(std::span<const std::uint32_t> spiked, std::uint32_t first) {
    const int actions = config_.actions;
    head_ = (head_ + 1) % config_.window;
    filled_ = std::min(filled_ + 1, config_.window);
    std::uint16_t* slot = counts_.data() + static_cast<std::size_t>(head_) * actions;
    std::fill(slot, slot + actions, std::uint16_t{0});
    const std::uint32_t end = first + static_cast<std::uint32_t>(actions) * config_.neurons_per_action;
    for (std::uint32_t k : spiked) {
        if (k < first || k >= end) continue;
        std::uint16_t& c = slot[(k - first) / config_.neurons_per_action];
        if (c < UINT16_MAX) ++c;
    }
}

void ActionReadout::set_window(int cycles) {
    if (cycles < 1) throw std::invalid_argument("ActionReadout: the window is at least one cycle");
    if (cycles == config_.window) return;
    const int actions = config_.actions, keep = std::min(filled_, cycles);
    // The kept cycles go to slots 0 .. keep − 1, oldest first, so the newest sits at keep − 1.
    std::vector<std::uint16_t> counts(static_cast<std::size_t>(cycles) * actions, 0);
    for (int k = 0; k < keep; ++k) {
        const int age = keep - 1 - k;
        const int from = ((head_ - age) % config_.window + config_.window) % config_.window;
        std::copy_n(counts_.data() + static_cast<std::size_t>(from) * actions, actions,
                    counts.data() + static_cast<std::size_t>(k) * actions);
    }
    counts_ = std::move(counts);
    config_.window = cycles;
    filled_ = keep;
    head_ = keep > 0 ? keep - 1 : -1;
    weigh_ages();
}

std::span<const float> ActionReadout::evidence() {
    const int actions = config_.actions, window = config_.window;
    std::fill(evidence_.begin(), evidence_.end(), 0.f);
    for (int age = 0; age < filled_; ++age) {
        const int slot = ((head_ - age) % window + window) % window;
        const std::uint16_t* c = counts_.data() + static_cast<std::size_t>(slot) * actions;
        const float w = age_weight_[age];
        for (int a = 0; a < actions; ++a) evidence_[a] += w * static_cast<float>(c[a]);
    }
    return evidence_;
}

std::span<const float> ActionReadout::probabilities() {
    evidence();
    const auto actions = static_cast<float>(config_.actions);
    if (config_.rule == ReadoutRule::proportional) {
        float total = 0.f;
        for (float s : evidence_) total += s;
        for (std::size_t a = 0; a < evidence_.size(); ++a)
            probability_[a] = total > 0
                                  ? (1.f - config_.floor) * evidence_[a] / total + config_.floor / actions
                                  : 1.f / actions;
    } else {
        // Shifted by the largest evidence so that no exponential overflows.
        const float top = *std::max_element(evidence_.begin(), evidence_.end());
        float total = 0.f;
        for (std::size_t a = 0; a < evidence_.size(); ++a) {
            probability_[a] = std::exp((evidence_[a] - top) / config_.temperature);
            total += probability_[a];
        }
        for (float& p : probability_) p /= total;
    }
    return probability_;
}

int ActionReadout::choose() {
    probabilities();
    const int actions = config_.actions;
    if (config_.greedy) {
        // Ties broken at random, so that a silent readout does not always favour the first action.
        const float top = *std::max_element(probability_.begin(), probability_.end());
        int tied = 0;
        for (float p : probability_) tied += p == top;
        int pick = rng_.below(tied);
        for (int a = 0; a < actions; ++a)
            if (probability_[a] == top && pick-- == 0) return a;
    }
    float u = rng_.uniform();
    for (int a = 0; a < actions - 1; ++a) {
        if (u < probability_[a]) return a;
        u -= probability_[a];
    }
    return actions - 1;
}

} // namespace phasor
