// Plastic synapses that learn by pair-based STDP with traces (all-to-all pairing, as Brian's event-driven
// Apre/Apost), applied online or, as the seed document designs it, accumulated and applied every N cycles.
//
// Storage: compressed sparse rows by source (target 4 bytes + weight 4 bytes per synapse) for delivery, and
// a by-target walk for postsynaptic spikes that holds only each synapse's index into those rows (4 bytes): 12
// bytes a synapse, plus a row start per source and a column start per target. The source of a synapse met in
// the by-target walk is found from the row starts (a guess from the mean fan-out, then a short search).
//
// Traces live per neuron, not per synapse: every synapse of a source sees the same presynaptic trace when the
// time constant is shared, so per-neuron traces are exact for all-to-all pairing. A trace counts spikes (each
// adds 1) decaying with τ+ (pre) or τ− (post); it is kept as a value at its last spike and decayed on read,
// so a silent neuron costs nothing. With Δw scaled by w_max:
//   additive:       pre spike  w ← clip(w − A− · x_post · w_max),   post spike  w ← clip(w + A+ · x_pre ·
//   w_max) multiplicative: pre spike  w ← clip(w − A− · x_post · w),       post spike  w ← clip(w + A+ ·
//   x_pre · (w_max − w))
// with A+ = rate, A− = rate · depression, clip to [0, w_max]. A single pair at Δt = t_post − t_pre changes
// an additive weight by A+ · w_max · e^(−Δt/τ+) for Δt ≥ 0 and by −A− · w_max · e^(Δt/τ−) for Δt < 0.
//
// The order of events within a cycle (the same in both modes, and Brian's: its pre pathway runs before the
// post pathway): every presynaptic spike of the cycle first (its trace gains 1, then each of its synapses is
// depressed by the postsynaptic trace without this cycle's postsynaptic spike), then every postsynaptic spike
// (its trace gains 1, then each synapse onto it is potentiated by the presynaptic trace, this cycle's
// presynaptic spikes included). A pair in the same cycle therefore counts as Δt = 0, potentiating.
//
// Periodic mode keeps, per neuron that fired in the period, its trace before the period and the cycles (and
// traces) of its spikes; at the period's end the rows of the sources and the columns of the targets that
// fired are walked and each synapse replays its own events in the order above. The work is spikes × fan-out,
// never all synapses, and the arithmetic is the online mode's step for step, so N = 1 gives the same weights
// bit for bit. Between period ends the weights (what delivery reads) do not change.
#pragma once
#include "engine/spiking/circuit.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace phasor {

struct StdpRule {
    float rate = 0.01f;       // A+, as a fraction of w_max
    float depression = 1.05f; // A− / A+
    bool multiplicative = false;
    int period = 0;           // 0: online; N ≥ 1: pending changes applied every N cycles
    float tau_plus = 20e-3f;  // s, the presynaptic trace (potentiation)
    float tau_minus = 20e-3f; // s, the postsynaptic trace (depression)
    float w_max = 1.f;
    bool operator==(const StdpRule&) const = default;
};

// The rule the family's live settings give, for a circuit whose reference bound is `reference_bound`: the
// settings' bound is a multiple of it. Online (period 0) for N = 1, which the periodic replay equals.
StdpRule stdp_rule(const SpikingSettings& settings, float reference_bound);

class StdpSynapses {
  public:
    StdpSynapses() = default;
    // Rows as SynapseMatrix takes them: row_starts has sources + 1 entries, targets[k] < targets_count.
    StdpSynapses(std::uint32_t sources, std::uint32_t targets_count,
                 std::span<const std::uint32_t> row_starts, std::vector<std::uint32_t> targets,
                 std::vector<float> weights, StdpRule rule, float dt);

    // A new rule from the next cycle; what is pending is applied first under the old one, so changing N (or a
    // rate) mid-run loses nothing and never reapplies. The same rule again changes nothing (the period runs
    // on).
    void set_rule(const StdpRule& rule);
    const StdpRule& rule() const { return rule_; }

    // Adds each fired source's weights to its targets' `g`. Call before step() for the same cycle: delivery
    // then reads the weights as they were when the cycle began (as Brian's `ge += w` before `w = clip(...)`).
    void deliver(std::span<const std::uint32_t> pre, std::span<float> g) const;
    // One cycle's plasticity: the sources (`pre`) and targets (`post`, local indices) that fired this cycle.
    void step(std::span<const std::uint32_t> pre, std::span<const std::uint32_t> post);
    // Applies whatever the period has pending now (nothing online).
    void apply_pending();
    bool pending() const { return !pre_fired_.empty() || !post_fired_.empty(); }

    std::uint64_t cycles() const { return cycle_; }
    std::uint32_t sources() const { return static_cast<std::uint32_t>(row_start_.size() - 1); }
    std::uint32_t targets_count() const { return static_cast<std::uint32_t>(col_start_.size() - 1); }
    std::size_t size() const { return target_.size(); }
    std::span<const std::uint32_t> targets(std::uint32_t source) const {
        return {target_.data() + row_start_[source], row_start_[source + 1] - row_start_[source]};
    }
    std::span<const float> weights(std::uint32_t source) const {
        return {weight_.data() + row_start_[source], row_start_[source + 1] - row_start_[source]};
    }
    std::span<const float> weights() const { return weight_; }
    // The source of synapse `s` (an index into weights()).
    std::uint32_t source_of(std::uint32_t s) const;
    // The traces now (spikes, decayed).
    float pre_trace(std::uint32_t source) const { return pre_.value(source, cycle_, plus_decay_); }
    float post_trace(std::uint32_t target) const { return post_.value(target, cycle_, minus_decay_); }

    // Per-synapse storage: target, weight and the by-target index.
    static constexpr std::size_t kSynapseBytes = 2 * sizeof(std::uint32_t) + sizeof(float);
    // All the connectivity storage (the per-synapse arrays, the row and column starts) over the synapses.
    double bytes_per_synapse() const;

  private:
    // One role's traces (pre or post) and, in periodic mode, its spikes within the current period.
    struct Traces {
        std::vector<float> x;         // at the last spike
        std::vector<std::int64_t> at; // that spike's cycle (very negative: never)
        std::vector<float> x0;        // before the period's first spike (neurons that fired in it)
        std::vector<std::int64_t> at0;
        std::vector<std::int32_t> head, tail; // the neuron's spikes this period in `events` (−1: none)
        struct Event {
            std::int64_t cycle;
            float x; // the trace just after this spike
            std::int32_t next;
        };
        std::vector<Event> events;

        void resize(std::size_t n);
        float value(std::uint32_t k, std::int64_t cycle, const std::vector<float>& decay) const;
        // The spike: the trace decays to `cycle` and gains 1; recorded as an event when `record`.
        void fire(std::uint32_t k, std::int64_t cycle, const std::vector<float>& decay, bool record,
                  std::vector<std::uint32_t>& fired);
        void clear_period(const std::vector<std::uint32_t>& fired);
    };

    void build_columns();
    void build_decay();
    float depress(float w, float x_post) const;
    float potentiate(float w, float x_pre) const;
    void replay(std::uint32_t s, std::uint32_t source, std::uint32_t target);

    StdpRule rule_;
    float dt_ = 1e-4f;
    std::vector<std::uint32_t> row_start_{0}, target_;
    std::vector<float> weight_;
    std::vector<std::uint32_t> col_start_{0}, col_synapse_;
    double rows_per_synapse_ = 0.0; // the by-target walk's first guess at a synapse's row
    // e^(−k·dt/τ) for k cycles, exactly the same numbers in both modes; zero past the table.
    std::vector<float> plus_decay_, minus_decay_;
    Traces pre_, post_;
    std::vector<std::uint32_t> pre_fired_, post_fired_; // neurons with spikes in the current period
    std::uint64_t cycle_ = 0;
    int since_apply_ = 0;
};

} // namespace phasor
