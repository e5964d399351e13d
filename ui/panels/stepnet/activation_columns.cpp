// ActivationColumns (activation_columns.hpp).
#include "ui/panels/stepnet/activation_columns.hpp"

#include <algorithm>

namespace phasor::ui {

namespace {
constexpr auto kColumns = static_cast<std::size_t>(ActivationColumns::kColumns);
const std::vector<float> kNone;
} // namespace

void ActivationColumns::clear() {
    ring_.clear();
    ordered_.clear();
    column_ticks_.clear();
    columns_ = 0;
    next_ = 0;
    last_tick_ = 0;
    observed_ = false;
}

void ActivationColumns::observe(std::uint64_t run, std::uint64_t tick, const StepNetView& view) {
    if (observed_ && (run != run_ || tick < last_tick_)) clear();
    bool same_shape = ring_.size() == view.layers.size();
    for (std::size_t l = 0; same_shape && l < ring_.size(); ++l)
        same_shape = ring_[l].size() == view.layers[l].act.size() * kColumns;
    if (!same_shape) {
        clear();
        ring_.resize(view.layers.size());
        ordered_.resize(view.layers.size());
        for (std::size_t l = 0; l < ring_.size(); ++l)
            ring_[l].assign(view.layers[l].act.size() * kColumns, 0.f);
        column_ticks_.assign(kColumns, 0);
    } else if (observed_ && tick == last_tick_) {
        return;
    }
    observed_ = true;
    run_ = run;
    last_tick_ = tick;
    if (ring_.empty()) return;

    // The ring stores each column contiguously so that writing one is a straight copy.
    const auto slot = static_cast<std::size_t>(next_);
    for (std::size_t l = 0; l < ring_.size(); ++l) {
        const auto& act = view.layers[l].act;
        std::copy(act.begin(), act.end(), ring_[l].begin() + static_cast<std::ptrdiff_t>(slot * act.size()));
    }
    column_ticks_[slot] = tick;
    next_ = static_cast<int>((slot + 1) % kColumns);
    columns_ = std::min(columns_ + 1, kColumns);

    const auto filled = static_cast<std::size_t>(columns_);
    const std::size_t oldest = filled < kColumns ? 0 : static_cast<std::size_t>(next_);
    for (std::size_t l = 0; l < ring_.size(); ++l) {
        const std::size_t neurons = ring_[l].size() / kColumns;
        std::vector<float>& grid = ordered_[l];
        grid.resize(neurons * filled);
        for (std::size_t k = 0; k < filled; ++k) {
            const float* column = ring_[l].data() + ((oldest + k) % kColumns) * neurons;
            for (std::size_t i = 0; i < neurons; ++i) grid[i * filled + k] = column[i];
        }
    }
}

const std::vector<float>& ActivationColumns::grid(std::size_t layer) const {
    return layer < ordered_.size() ? ordered_[layer] : kNone;
}

std::uint64_t ActivationColumns::first_tick() const {
    if (columns_ == 0) return 0;
    return columns_ < kColumns ? column_ticks_[0] : column_ticks_[static_cast<std::size_t>(next_)];
}

} // namespace phasor::ui
