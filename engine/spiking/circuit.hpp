// A spiking circuit: one scenario's network (populations, synapses, inputs, rhythms, an environment) advanced
// one simulation cycle (one time step dt) at a time. The spiking family's model drives every preset through
// this one interface and builds its telemetry from what a circuit exposes, so a new scenario is a new Circuit
// built from the shared pieces (LifPopulation, SynapseMatrix, StdpSynapses, positions, rhythms) and nothing
// else. Circuits are values: copying one copies its whole state (the model's last good state is a copy).
#pragma once
#include <cmath>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace phasor {

struct Vec3 {
    float x = 0.f, y = 0.f, z = 0.f;
};

// A population occupies the global neuron indices [first, first + size).
struct PopulationInfo {
    std::string name; // "excitatory", "place cells", "Poisson inputs"
    std::uint32_t first = 0, size = 0;
    bool excitatory = true; // its colour in the panels
    bool input = false;     // a source (Poisson, pacemaker) with no membrane
};

// Every live setting of the family, as one value the model hands a circuit at build and after each accepted
// change (between cycles). A circuit reads the ones its scenario has; the family's table shows a setting only
// for the circuits that read it.
struct SpikingSettings {
    float threshold_shift = 0.f;      // V added to every integrating population's reference threshold
    float input_rate = 15.f;          // Hz of the Poisson inputs (their peak rate for place-field inputs)
    float theta_hz = 8.f;             // theta rhythm, 8–12 Hz
    int gamma_per_theta = 6;          // nested gamma cycles per theta cycle, 5–8
    float stdp_rate = 0.01f;          // potentiation step A+ as a fraction of the weight bound
    float stdp_depression = 1.05f;    // |A−| / A+ (with equal time constants)
    float stdp_bound = 1.f;           // the weight bound as a multiple of the circuit's reference bound
    bool stdp_multiplicative = false; // steps scaled by the room left to the bound (else additive, clipped)
    int stdp_period = 1;              // N: pending weight changes are applied every N cycles (1: online)
    float reward_lr = 0.5f;   // reward-modulated STDP: weight change per unit of reward × eligibility
    int readout_window = 200; // C: cycles of output spikes the readout weighs into an action
};

// The rhythm a circuit runs on, now: phases in radians [0, 2π).
struct RhythmState {
    float theta_phase = 0.f, gamma_phase = 0.f;
    float theta_hz = 0.f;
    int gamma_per_theta = 0;
};

// What an environment shows: drawn by the Environment panel, reported by `phasor run`.
struct EnvironmentState {
    std::string kind;                   // "track", "bandit", "target"; empty: none
    std::string status;                 // one line: "lap 3, 12.4 cm/s", "arm 2 chosen 78 %"
    float position = 0.f, length = 1.f; // the agent along a track (metres), or its x in [0, length]
    float position_y = 0.f, target = 0.f, target_y = 0.f; // 2-D tasks: the agent's y, the target
    std::vector<float> field_centers;                     // place fields along the track (metres)
    float field_width = 0.f;
    std::vector<std::string> action_names; // "left", "right"; "arm 1" ...
    std::vector<float> action_probability; // the readout's current interpretation of the output spikes
    std::vector<float> arm_reward;         // a bandit's true reward probabilities
    int action = -1;                       // the action last taken
    float reward = 0.f;                    // the last reward
    float reward_rate = 0.f;               // moving average of reward per decision
    std::uint64_t decisions = 0;
};

class Circuit {
  public:
    virtual ~Circuit() = default;
    virtual std::unique_ptr<Circuit> clone() const = 0;

    // One cycle: every population advances dt, spikes are delivered, plasticity and the environment step.
    // The global indices of the neurons that fired go to `spiked` (cleared first). Allocates nothing once
    // `spiked` has room for every neuron.
    virtual void step(std::vector<std::uint32_t>& spiked) = 0;
    virtual void apply(const SpikingSettings& settings) = 0;
    virtual std::uint64_t cycles() const = 0;
    virtual float dt() const = 0; // s

    virtual std::span<const PopulationInfo> populations() const = 0;
    virtual std::size_t neurons() const = 0;
    virtual std::size_t synapses() const = 0;
    virtual double bytes_per_synapse() const = 0; // the synapses' storage over their count
    // A neuron's membrane potential (V); NaN for an input.
    virtual float membrane(std::uint32_t neuron) const = 0;
    // Whether every state variable is finite (a diverging run pauses and restores).
    virtual bool finite() const = 0;

    // Neurons placed in space (metres), one per neuron; empty when the circuit has no geometry (the 3D view
    // then lays populations out on planes).
    virtual std::span<const Vec3> positions() const { return {}; }
    // The targets of `neuron`'s outgoing synapses (appended), for the 3D view's picked neuron.
    virtual void targets(std::uint32_t neuron, std::vector<std::uint32_t>& out) const {
        (void)neuron;
        (void)out;
    }
    // The plastic synapses' weights and their bound, for the weight histogram; empty when none learns.
    virtual std::span<const float> plastic_weights() const { return {}; }
    virtual float weight_max() const { return 0.f; }
    // The rhythm, and a neuron's local theta phase (radians) when it fires; nothing for an arrhythmic
    // circuit.
    virtual bool rhythmic() const { return false; }
    virtual RhythmState rhythm() const { return {}; }
    virtual float theta_phase(std::uint32_t neuron) const {
        (void)neuron;
        return rhythm().theta_phase;
    }
    // What an environment shows; may format its status line, so the model asks for it only when it fills a
    // snapshot.
    virtual const EnvironmentState* environment() const { return nullptr; }
    // Reward per decision over the recent decisions, read at every series sample (so it allocates nothing);
    // NaN for a circuit that is not rewarded.
    virtual double reward_rate() const { return NAN; }
    // The scenario's own figures for reports (precession slope, items in order, reward rate...).
    virtual void figures(std::vector<std::pair<std::string, double>>& out) const { (void)out; }
};

} // namespace phasor
