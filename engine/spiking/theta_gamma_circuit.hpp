// Theta–gamma multi-item coding (Lisman & Idiart 1995; Jensen & Lisman 1996): K items held in short-term
// memory, each a small LIF assembly, replayed once per theta cycle in serial order, one item per gamma
// sub-cycle. Nothing is scheduled after the cue: every item cell carries an afterdepolarisation (ADP) that
// its own spike resets and that then ramps up for longer than a theta cycle, so at any moment the item that
// fired longest ago has the most ADP. A pacemaker gamma inhibition opens one window per gamma cycle; in each
// the item with the most ADP crosses threshold first, its assembly fires together (recurrent excitation), and
// the interneurons it drives inhibit every other item until the window closes. Theta inhibition closes the
// cycle's windows after the K-th (the last one at least), so the first item waits for the next cycle's first
// window and the order repeats.
// The items are cued once, in order, by an input pulse each in the first theta cycle. The capacity is the
// number of open windows: K ≤ gamma per theta − 1 (the "7 ± 2" of the model).
#pragma once
#include "engine/spiking/circuit.hpp"
#include "engine/spiking/lif_population.hpp"
#include "engine/spiking/poisson_input.hpp"
#include "engine/spiking/rhythm.hpp"

#include <array>

namespace phasor {

// Tuned at 8 Hz theta and 6 gamma per theta: K = 5 stays in order over 10 seeds for threshold shifts from
// −3 to +2 mV and background rates of 5–30 Hz, and K = 1–4 too (theta then closes every window after the
// K-th). The ADP's time course follows the theta period, but the membrane's filtering of the pacemakers does
// not, so theta far from 8 Hz or another gamma count needs another adp_peak.
struct ThetaGammaConfig {
    std::uint32_t items = 5; // K, 1..7
    std::uint32_t cells_per_item = 20;
    std::uint32_t interneurons = 10;
    // Item cells: fast, so the pacemakers' gamma modulation survives the membrane's filtering.
    float item_tau_m = 5e-3f, item_tau_i = 5e-3f; // s
    std::uint32_t inputs_per_cell = 50;           // background Poisson inputs of each item cell
    float background_drive = 2e-3f;               // V: their mean depolarisation at the reference rate
    float reference_rate = 15.f;                  // Hz
    // The ADP, A · (t/tp)^n · e^(n(1 − t/tp)) at t after the cell's last spike: peaking well after one theta
    // period keeps it rising through the whole cycle, so an item that fired earlier always has more.
    float adp_peak = 60e-3f;              // A, V
    float adp_peak_theta = 2.4f;          // tp, in theta periods
    int adp_stages = 1;                   // n
    float gamma_inhibition = 45e-3f;      // V: the gamma pacemaker's, lifted only in a window mid cycle
    float gamma_window_power = 2.f;       // the window is a raised cosine to this power
    float theta_inhibition = 30e-3f;      // V: theta's, over the closed windows
    float theta_edge = 0.25f;             // of a gamma cycle: the rise and fall of theta's plateau
    float recurrent_weight = 4e-3f;       // V of ge per spike onto the cells of the same item
    float to_interneuron_weight = 20e-3f; // V of ge per item spike onto each interneuron
    float feedback_weight = 3e-3f;        // V of gi per interneuron spike onto each item cell
    float cue_volley = 0.3f;              // V of ge: the cue's input volley onto each cell of its item
    float dt = 1e-4f;
    std::uint64_t seed = 1;
};

class ThetaGammaCircuit final : public Circuit {
  public:
    static constexpr std::uint32_t kMaxItems = 7;

    explicit ThetaGammaCircuit(ThetaGammaConfig config, const SpikingSettings& settings = {});

    std::unique_ptr<Circuit> clone() const override { return std::make_unique<ThetaGammaCircuit>(*this); }
    void step(std::vector<std::uint32_t>& spiked) override;
    void apply(const SpikingSettings& settings) override;
    std::uint64_t cycles() const override { return cycles_; }
    float dt() const override { return config_.dt; }
    std::span<const PopulationInfo> populations() const override { return info_; }
    std::size_t neurons() const override { return items_.size() + interneurons_.size(); }
    // Connectivity is uniform (all-to-all within an item, items to interneurons and back), so one weight per
    // pathway stands for every synapse and none is stored.
    std::size_t synapses() const override;
    double bytes_per_synapse() const override { return 0.0; }
    float membrane(std::uint32_t neuron) const override;
    bool finite() const override;
    bool rhythmic() const override { return true; }
    RhythmState rhythm() const override { return rhythm_.state(); }
    float theta_phase(std::uint32_t) const override { return rhythm_.theta_phase(); }
    // items_in_order, items_per_cycle, spikes_per_item_cycle, theta_cycles, and per item k:
    // mean_gamma_slot_item_k (0-based slot), mean_phase_deg_item_k; over the whole cycles after the cue.
    void figures(std::vector<std::pair<std::string, double>>& out) const override;

    const ThetaGammaConfig& config() const { return config_; }

  private:
    static constexpr float kNever = 1e9f;
    float adp(float since) const;
    void close_theta_cycle();

    ThetaGammaConfig config_;
    SpikingSettings settings_;
    std::vector<PopulationInfo> info_;
    LifPopulation items_, interneurons_;
    ThetaGammaRhythm rhythm_;
    PoissonInput background_;
    std::vector<float> since_; // s since each item cell's last spike (kNever before its first)
    float background_weight_, item_threshold_, interneuron_threshold_;
    float decay_e_, decay_i_;
    std::uint64_t cycles_ = 0;
    std::vector<std::uint32_t> fired_, item_spikes_, interneuron_spikes_;
    std::array<std::uint32_t, kMaxItems> burst_{}; // spikes per item last cycle, delivered this cycle
    std::uint32_t feedback_ = 0;                   // interneuron spikes last cycle
    std::uint32_t next_cue_ = 0;                   // the item the cue reaches next

    // The theta cycle under way: per item, the gamma slots it fired in (a bit each) and its spikes.
    std::uint64_t open_cycle_ = 0;
    std::array<std::uint32_t, kMaxItems> slots_{}, spikes_{};
    // Whole cycles after the cue.
    std::uint64_t scored_ = 0, in_order_ = 0, item_fired_ = 0, item_spike_total_ = 0;
    std::array<double, kMaxItems> slot_sum_{}, phase_cos_{}, phase_sin_{};
    std::array<std::uint64_t, kMaxItems> slot_count_{};
};

} // namespace phasor
