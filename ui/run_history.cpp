// RunHistory (run_history.hpp): channels, series, and the changes as markers and log.
#include "ui/run_history.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace phasor::ui {

namespace {
constexpr std::size_t kMaxWaiting = 8192; // as many as the trainer's series ring holds
}

std::string change_label(const Change& change) {
    if (change.key == "reset") return "reset";
    std::string value = change.value;
    // A quoted choice reads better bare: train.backward = pipelined.
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"' &&
        value.find_first_of("\\ ", 1) >= value.size() - 1)
        value = value.substr(1, value.size() - 2);
    if (change.key == "load") return fmt::format("preset {}", value);
    if (value.empty()) return change.key;
    return fmt::format("{} = {}", change.key, value);
}

void RunHistory::start(const Snapshot& snapshot) {
    const bool same_family = family_ == snapshot.family && !series_.empty();
    family_ = snapshot.family;
    run_ = snapshot.run;
    if (!same_family) {
        channels_.clear();
        if (family_) channels_.assign(family_->channels.begin(), family_->channels.end());
        channels_.push_back(kTicksPerSecond);
        series_.assign(channels_.size(), plot::SeriesHistory(kSeriesCapacity));
    } else {
        for (auto& history : series_) history.clear();
    }
    markers_.clear();
    std::vector<Change> later;
    for (const Change& c : pending_) {
        if (c.rebuilds && c.run < run_)
            add_marker(c, 0.0);
        else if (!c.rebuilds && c.run == run_)
            add_marker(c, static_cast<double>(c.tick));
        else if (c.run >= run_)
            later.push_back(c);
    }
    pending_ = std::move(later);
    std::vector<SeriesSample> waiting;
    waiting.swap(waiting_);
    for (const SeriesSample& s : waiting) {
        if (s.run == run_)
            push(s);
        else if (s.run > run_)
            waiting_.push_back(s);
    }
}

void RunHistory::observe(const Snapshot& snapshot) {
    if (snapshot.run > run_ || series_.empty() || snapshot.family != family_) start(snapshot);
}

void RunHistory::push(const SeriesSample& s) {
    const auto x = static_cast<double>(s.tick);
    const std::size_t n = std::min(series_.size(), s.values.size());
    for (std::size_t c = 0; c < n; ++c) series_[c].push(x, s.values[c]);
}

void RunHistory::append(std::span<const SeriesSample> samples) {
    for (const SeriesSample& s : samples) {
        if (s.run == run_ && !series_.empty())
            push(s);
        else if (s.run > run_ && waiting_.size() < kMaxWaiting)
            waiting_.push_back(s);
    }
}

void RunHistory::add_marker(const Change& change, double x) {
    // Changes applied as one read as one marker: "task.name = spirals, network.layers = [2, 8, 2]".
    if (change.joined && !markers_.empty() && markers_.back().x == x)
        markers_.back().label += ", " + change_label(change);
    else
        markers_.push_back({x, change_label(change), 0});
}

void RunHistory::record(const Change& change) {
    log_.push_back(change);
    const bool parameter = std::find(kRunControl.begin(), kRunControl.end(), change.key) == kRunControl.end();
    if (!parameter && !change.rebuilds) return; // pause, resume, step, speed: in the log only
    if (change.rebuilds && change.run < run_)
        add_marker(change, 0.0); // the snapshot of the run it started came first
    else if (!change.rebuilds && change.run == run_)
        add_marker(change, static_cast<double>(change.tick));
    else if (change.run >= run_)
        pending_.push_back(change);
}

void RunHistory::clear() {
    *this = RunHistory{};
}

const plot::SeriesHistory* RunHistory::series(std::string_view name) const {
    for (std::size_t c = 0; c < channels_.size() && c < series_.size(); ++c)
        if (channels_[c].name == name) return &series_[c];
    return nullptr;
}

} // namespace phasor::ui
