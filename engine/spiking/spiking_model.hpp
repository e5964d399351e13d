// The spiking family's model: one circuit advanced a cycle per tick, its run figures kept spike by spike,
// its live settings applied between cycles, and what its panels show recorded once the app looks at it.
#pragma once
#include "engine/runtime/model.hpp"
#include "engine/spiking/circuits.hpp"
#include "engine/spiking/firing_statistics.hpp"
#include "engine/spiking/spike_telemetry.hpp"

#include <optional>

namespace phasor {

struct SpikingConfig {
    std::string circuit = "cuba";
    CircuitOptions options;
    SpikingSettings settings;
    std::optional<std::vector<std::int64_t>> follow; // none given: the first neuron that integrates
    std::uint64_t series_every = 1000;               // cycles
};

class SpikingModel final : public Model {
  public:
    explicit SpikingModel(SpikingConfig config);

    std::uint64_t advance(std::uint64_t max_ticks, SeriesWriter& series) override;
    std::uint64_t ticks() const override { return circuit_->cycles(); }
    const Fault* fault() const override { return fault_ ? &*fault_ : nullptr; }
    std::optional<std::string> set(const ParamSpec& row, const ParamValue& value) override;
    std::unique_ptr<Payload> make_payload() const override;
    void fill(Snapshot& snapshot) override;
    bool state_finite() const override { return circuit_->finite(); }
    void checkpoint() override;
    std::uint64_t checkpoint_tick() const override { return saved_->circuit->cycles(); }
    void restore() override;
    std::uint64_t checkpoint_every() const override { return 10000; }

    const Circuit& circuit() const { return *circuit_; }
    const FiringStatistics& statistics() const { return statistics_; }

  private:
    struct Saved {
        std::unique_ptr<Circuit> circuit;
        FiringStatistics statistics;
    };
    void sample(SeriesWriter& series);
    std::vector<std::int64_t> followed() const;
    void report(Snapshot& snapshot, double seconds) const;

    SpikingConfig config_;
    std::unique_ptr<Circuit> circuit_;
    FiringStatistics statistics_;
    std::optional<SpikeTelemetry> telemetry_; // made on the first fill(): a headless run never records
    std::optional<Saved> saved_;
    std::optional<Fault> fault_;
    std::vector<std::uint32_t> spiked_;
    double build_seconds_ = 0.0, loop_seconds_ = 0.0;
    std::uint64_t last_sample_spikes_ = 0;
};

} // namespace phasor
