// The UI's own record of a run, built from the telemetry it drains: every channel of the run's family as a
// decimating history, and the changes applied (markers on this run's time plots, and the session's log to
// save). Series are bounded in memory. Owned by the app's UI thread; panels only read it.
#pragma once
#include "engine/runtime/change.hpp"
#include "engine/runtime/family.hpp"
#include "engine/telemetry/series.hpp"
#include "engine/telemetry/snapshot.hpp"
#include "ui/plot/plot.hpp"
#include "ui/plot/series_history.hpp"

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace phasor::ui {

class RunHistory {
  public:
    // Follows the snapshot's run: a newer one (a reset, a structural change, another preset) clears the
    // series and sizes them for its family's channels.
    void observe(const Snapshot& snapshot);
    // Appends drained samples: those of the followed run go in, older runs' are dropped, and a newer run's
    // wait until a snapshot of it is observed.
    void append(std::span<const SeriesSample> samples);
    // Keeps an applied change in the log and, when it belongs on this run's time plots, as a marker: a
    // parameter at its tick, a change that started this run at tick 0. Run control (pause, speed...) is
    // logged only.
    void record(const Change& change);
    void clear();

    const Family* family() const { return family_; }
    std::uint64_t run() const { return run_; }
    // The family's channels, then the runtime's, as the samples hold them.
    std::span<const Quantity> channels() const { return channels_; }
    const plot::SeriesHistory& series(std::size_t channel) const { return series_[channel]; }
    // A channel by name, or nullptr when the run's family has none of that name.
    const plot::SeriesHistory* series(std::string_view name) const;
    const std::vector<plot::Marker>& markers() const { return markers_; }
    const std::vector<Change>& log() const { return log_; }

    // 2^18 points per series before halving: with a sample every 100 ticks, 26 million ticks at full detail.
    static constexpr std::size_t kSeriesCapacity = std::size_t{1} << 18;

  private:
    void start(const Snapshot& snapshot);
    void push(const SeriesSample& sample);
    void add_marker(const Change& change, double x);

    const Family* family_ = nullptr;
    std::uint64_t run_ = 0;
    std::vector<Quantity> channels_;
    std::vector<plot::SeriesHistory> series_;
    std::vector<SeriesSample> waiting_; // samples of a run whose first snapshot has not been observed yet
    std::vector<plot::Marker> markers_;
    std::vector<Change> pending_; // changes for a run not observed yet
    std::vector<Change> log_;
};

// The marker text of a change: "train.lr = 0.05", "reset", "preset xor".
std::string change_label(const Change& change);

} // namespace phasor::ui
