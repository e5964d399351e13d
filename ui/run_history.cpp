// RunHistory: the series drained from the engine and a ring of activation columns per layer
// (run_history.hpp).
#include "ui/run_history.hpp"

#include <algorithm>

namespace phasor::ui {

namespace {
constexpr auto kColumns = static_cast<std::size_t>(RunHistory::kActivationColumns);
const std::vector<float> kNoActivations;
} // namespace

void RunHistory::append(std::span<const SeriesSample> samples) {
    for (const SeriesSample& s : samples) {
        if (s.tick < last_series_tick_) {
            for (auto& history : series_) history.clear();
        }
        last_series_tick_ = s.tick;
        const auto x = static_cast<double>(s.tick);
        const float values[] = {
            s.loss,          s.rolling_accuracy, s.lr, s.ticks_per_second, s.queue_occupancy, s.attention_min,
            s.attention_max, s.attention_entropy};
        for (std::size_t c = 0; c < series_.size(); ++c) series_[c].push(x, values[c]);
    }
}

void RunHistory::clear_activations() {
    ring_.clear();
    ordered_.clear();
    column_ticks_.clear();
    columns_ = 0;
    next_ = 0;
    last_tick_ = 0;
    observed_ = false;
}

void RunHistory::clear() {
    for (auto& history : series_) history.clear();
    last_series_tick_ = 0;
    clear_activations();
}

void RunHistory::observe(const Snapshot& snapshot) {
    if (observed_ && snapshot.tick < last_tick_) {
        // A new run. Series points past its current tick can only be the old run's; points already appended
        // from the new run are kept.
        if (last_series_tick_ > snapshot.tick) {
            for (auto& history : series_) history.clear();
            last_series_tick_ = 0;
        }
        clear_activations();
    }
    bool same_shape = ring_.size() == snapshot.layers.size();
    for (std::size_t l = 0; same_shape && l < ring_.size(); ++l)
        same_shape = ring_[l].size() == snapshot.layers[l].act.size() * kColumns;
    if (!same_shape) {
        clear_activations();
        ring_.resize(snapshot.layers.size());
        ordered_.resize(snapshot.layers.size());
        for (std::size_t l = 0; l < ring_.size(); ++l)
            ring_[l].assign(snapshot.layers[l].act.size() * kColumns, 0.f);
        column_ticks_.assign(kColumns, 0);
    } else if (observed_ && snapshot.tick == last_tick_) {
        return;
    }
    observed_ = true;
    last_tick_ = snapshot.tick;
    if (ring_.empty()) return;

    // The ring stores each column contiguously so that writing one is a straight copy.
    const auto slot = static_cast<std::size_t>(next_);
    for (std::size_t l = 0; l < ring_.size(); ++l) {
        const auto& act = snapshot.layers[l].act;
        std::copy(act.begin(), act.end(), ring_[l].begin() + static_cast<std::ptrdiff_t>(slot * act.size()));
    }
    column_ticks_[slot] = snapshot.tick;
    next_ = static_cast<int>((slot + 1) % kColumns);
    columns_ = std::min(columns_ + 1, kActivationColumns);

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

const plot::SeriesHistory& RunHistory::series(SeriesColumn column) const {
    return series_[static_cast<std::size_t>(column)];
}

int RunHistory::activation_columns() const {
    return columns_;
}

const std::vector<float>& RunHistory::activations(std::size_t layer) const {
    return layer < ordered_.size() ? ordered_[layer] : kNoActivations;
}

std::uint64_t RunHistory::first_column_tick() const {
    if (columns_ == 0) return 0;
    return columns_ < kActivationColumns ? column_ticks_[0] : column_ticks_[static_cast<std::size_t>(next_)];
}

std::uint64_t RunHistory::last_tick() const {
    return last_tick_;
}

} // namespace phasor::ui
