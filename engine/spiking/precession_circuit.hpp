// Theta phase precession of place cells (O'Keefe & Recce 1993) from the rate-to-phase mechanism (Mehta,
// Lee & Wilson 2002; Harris et al. 2002): an agent runs along a 1-D track at constant speed; each place cell
// is an LIF neuron whose Poisson excitation ramps up across its field (the asymmetric fields of experienced
// runs) against a skewed theta inhibition that falls slowly and rises fast. Weak drive crosses threshold only
// near the inhibition's late trough; stronger drive crosses earlier on its falling flank; an M-like
// adaptation current (slow, but closed fast under theta's inhibitory peak) keeps each cycle to its onset
// spike. So spikes move from late to early phase as the agent crosses the field, and since the drive depends
// on the fraction of the field crossed, not on metres, the slope in degrees per metre goes as 1 / field
// length. No spike time is scheduled.
#pragma once
#include "engine/spiking/circuit.hpp"
#include "engine/spiking/lif_population.hpp"
#include "engine/spiking/poisson_input.hpp"
#include "engine/spiking/rhythm.hpp"

namespace phasor {

struct PrecessionConfig {
    float field_length = 0.25f; // m
    float track_length = 1.5f;  // m; the agent runs it again and again in one direction
    float speed = 0.3f;         // m/s
    std::uint32_t cells = 5;    // place fields spread evenly along the track
    std::uint32_t inputs_per_cell = 1000;
    float peak_drive = 45e-3f;       // V: the mean depolarisation at the field's end at the reference rate
    float reference_rate = 15.f;     // Hz: the input rate at which the drive peaks at peak_drive
    float ramp_floor = 0.36f;        // the drive at the field's start, as a fraction of its peak
    float theta_inhibition = 30e-3f; // V at the inhibition's peak
    float theta_trough = 0.9f;       // where in the cycle the inhibition bottoms out (a fraction of 2π)
    float gamma_inhibition = 1e-3f;  // V: gamma's ripple on the inhibition
    float adaptation_step = 40e-3f, adaptation_tau = 200e-3f;    // V per spike, s
    float adaptation_reset = 0.7f, adaptation_reset_tau = 5e-3f; // above this inhibition (of its peak), s
    float wave_per_metre = 0.f; // rad: a travelling theta wave's phase lag per metre of field centre
    float dt = 1e-4f;
    std::uint64_t seed = 1;
};

class PrecessionCircuit final : public Circuit {
  public:
    explicit PrecessionCircuit(PrecessionConfig config, const SpikingSettings& settings = {});

    std::unique_ptr<Circuit> clone() const override { return std::make_unique<PrecessionCircuit>(*this); }
    void step(std::vector<std::uint32_t>& spiked) override;
    void apply(const SpikingSettings& settings) override;
    std::uint64_t cycles() const override { return cycles_; }
    float dt() const override { return config_.dt; }
    std::span<const PopulationInfo> populations() const override { return {&info_, 1}; }
    std::size_t neurons() const override { return config_.cells; }
    // Each cell's Poisson inputs share one weight and feed only it, so they need no stored synapses.
    std::size_t synapses() const override { return std::size_t{config_.cells} * config_.inputs_per_cell; }
    double bytes_per_synapse() const override { return 0.0; }
    float membrane(std::uint32_t neuron) const override { return cells_.v[neuron]; }
    bool finite() const override;
    std::span<const Vec3> positions() const override { return positions_; }
    bool rhythmic() const override { return true; }
    RhythmState rhythm() const override { return rhythm_.state(); }
    float theta_phase(std::uint32_t neuron) const override { return rhythm_.theta_phase(offset_[neuron]); }
    const EnvironmentState* environment() const override;
    // precession_slope_deg_per_m, phase_shift_deg, theta_cycles_in_field, first_cycle_phase_deg,
    // last_cycle_phase_deg, field_passes, spikes_per_pass, phase_locking (over the recent passes).
    void figures(std::vector<std::pair<std::string, double>>& out) const override;

    const PrecessionConfig& config() const { return config_; }
    float position() const { return position_; }
    std::span<const float> field_centers() const { return centers_; }

    // One in-field spike: which pass through which field, the local theta cycle, where in the field (m from
    // its start) and at which local phase.
    struct FieldSpike {
        std::uint32_t pass = 0;
        std::int64_t theta_cycle = 0;
        float x = 0.f, phase = 0.f;
    };
    // The recorded in-field spikes, oldest first (the latest kRecorded).
    std::vector<FieldSpike> field_spikes() const;
    static constexpr std::size_t kRecorded = 8192;

  private:
    PrecessionConfig config_;
    SpikingSettings settings_;
    PopulationInfo info_;
    LifPopulation cells_;
    ThetaGammaRhythm rhythm_;
    std::vector<PoissonInput> inputs_;
    std::vector<float> centers_, offset_, adaptation_;
    std::vector<Vec3> positions_;
    float input_weight_, threshold_, decay_i_, decay_a_, decay_reset_;
    float position_ = 0.f;
    std::uint32_t lap_ = 0;
    std::uint64_t cycles_ = 0;
    std::vector<std::uint32_t> fired_;
    std::vector<FieldSpike> recorded_; // a ring of kRecorded
    std::size_t record_next_ = 0, record_count_ = 0;
    mutable EnvironmentState environment_;
};

} // namespace phasor
