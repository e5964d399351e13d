// Pair-based STDP on compressed rows, online or every N cycles (see stdp_synapses.hpp).
#include "engine/spiking/stdp_synapses.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace phasor {

StdpRule stdp_rule(const SpikingSettings& s, float reference_bound) {
    return StdpRule{.rate = s.stdp_rate,
                    .depression = s.stdp_depression,
                    .multiplicative = s.stdp_multiplicative,
                    .period = s.stdp_period <= 1 ? 0 : s.stdp_period,
                    .tau_plus = 20e-3f,
                    .tau_minus = 20e-3f,
                    .w_max = reference_bound * s.stdp_bound};
}

namespace {

// A spike so long ago that its trace has decayed past any table.
constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::min() / 4;

// The one place a trace is decayed: both modes read traces through it, so they compute the same floats.
inline float decayed(float x, std::int64_t cycles, const std::vector<float>& decay) {
    return cycles < static_cast<std::int64_t>(decay.size()) ? x * decay[static_cast<std::size_t>(cycles)]
                                                            : 0.f;
}

// The row holding synapse s. Guess from the mean fan-out (exact for a fixed fan-out), widen the bracket by
// doubling steps until it holds s, then search inside it: O(1) for even rows, O(log error) otherwise. Inlined
// into the by-target walks, where it runs once per synapse.
[[gnu::always_inline]] inline std::uint32_t row_of(const std::vector<std::uint32_t>& row_start,
                                                   double rows_per_synapse, std::uint32_t s) {
    const std::size_t n = row_start.size() - 1;
    std::size_t lo = std::min(n - 1, static_cast<std::size_t>(s * rows_per_synapse));
    if (row_start[lo] <= s && s < row_start[lo + 1]) return static_cast<std::uint32_t>(lo);
    std::size_t hi = lo + 1, stride = 1;
    while (row_start[lo] > s) {
        hi = lo;
        lo = lo > stride ? lo - stride : 0;
        stride *= 2;
    }
    stride = 1;
    while (row_start[hi] <= s) {
        lo = hi;
        hi = std::min(n, hi + stride);
        stride *= 2;
    }
    const auto it = std::upper_bound(row_start.begin() + static_cast<std::ptrdiff_t>(lo),
                                     row_start.begin() + static_cast<std::ptrdiff_t>(hi) + 1, s);
    return static_cast<std::uint32_t>(it - row_start.begin() - 1);
}

// How far ahead the by-target walks prefetch weights: they land all over the rows, so each is a cache miss
// that the walk would otherwise wait for one at a time.
constexpr std::uint32_t kPrefetch = 16;

} // namespace

void StdpSynapses::Traces::resize(std::size_t n) {
    x.assign(n, 0.f);
    at.assign(n, kNever);
    x0.assign(n, 0.f);
    at0.assign(n, kNever);
    head.assign(n, -1);
    tail.assign(n, -1);
    events.clear();
    events.reserve(n);
}

float StdpSynapses::Traces::value(std::uint32_t k, std::int64_t cycle,
                                  const std::vector<float>& decay) const {
    return decayed(x[k], cycle - at[k], decay);
}

void StdpSynapses::Traces::fire(std::uint32_t k, std::int64_t cycle, const std::vector<float>& decay,
                                bool record, std::vector<std::uint32_t>& fired) {
    if (record && head[k] < 0) {
        x0[k] = x[k];
        at0[k] = at[k];
        fired.push_back(k);
    }
    x[k] = value(k, cycle, decay) + 1.f;
    at[k] = cycle;
    if (!record) return;
    const auto index = static_cast<std::int32_t>(events.size());
    events.push_back({cycle, x[k], -1});
    if (head[k] < 0)
        head[k] = index;
    else
        events[static_cast<std::size_t>(tail[k])].next = index;
    tail[k] = index;
}

void StdpSynapses::Traces::clear_period(const std::vector<std::uint32_t>& fired) {
    for (std::uint32_t k : fired) head[k] = tail[k] = -1;
    events.clear();
}

StdpSynapses::StdpSynapses(std::uint32_t sources, std::uint32_t targets_count,
                           std::span<const std::uint32_t> row_starts, std::vector<std::uint32_t> targets,
                           std::vector<float> weights, StdpRule rule, float dt)
    : rule_(rule), dt_(dt), row_start_(row_starts.begin(), row_starts.end()), target_(std::move(targets)),
      weight_(std::move(weights)) {
    if (row_start_.size() != std::size_t{sources} + 1 || row_start_.back() != target_.size() ||
        target_.size() != weight_.size() || row_start_.front() != 0)
        throw std::invalid_argument(
            "StdpSynapses: one row start per source and one more, a weight per target");
    if (!(dt > 0) || !(rule.tau_plus > 0) || !(rule.tau_minus > 0) || !(rule.w_max > 0) || rule.period < 0)
        throw std::invalid_argument("StdpSynapses: dt, the time constants and w_max must be > 0, N >= 0");
    for (std::size_t k = 1; k < row_start_.size(); ++k)
        if (row_start_[k] < row_start_[k - 1])
            throw std::invalid_argument("StdpSynapses: row starts must ascend");
    for (std::uint32_t t : target_)
        if (t >= targets_count) throw std::invalid_argument("StdpSynapses: a target outside the targets");
    col_start_.assign(std::size_t{targets_count} + 1, 0);
    rows_per_synapse_ =
        target_.empty() ? 0.0 : static_cast<double>(sources) / static_cast<double>(target_.size());
    build_columns();
    build_decay();
    pre_.resize(sources);
    post_.resize(targets_count);
    pre_fired_.reserve(sources);
    post_fired_.reserve(targets_count);
}

void StdpSynapses::build_columns() {
    // A counting sort by target, taking synapses in row order: each column lists its sources ascending.
    for (std::uint32_t t : target_) ++col_start_[t + 1];
    for (std::size_t k = 1; k < col_start_.size(); ++k) col_start_[k] += col_start_[k - 1];
    std::vector<std::uint32_t> next(col_start_.begin(), col_start_.end() - 1);
    col_synapse_.resize(target_.size());
    for (std::uint32_t s = 0; s < target_.size(); ++s) col_synapse_[next[target_[s]]++] = s;
}

void StdpSynapses::build_decay() {
    // Out to e^−40 (about 4e−18 of a spike), past which a trace no longer moves a float weight near its
    // bound.
    const auto table = [this](float tau) {
        const auto n = static_cast<std::size_t>(std::ceil(40.0 * tau / dt_)) + 1;
        std::vector<float> d(n);
        for (std::size_t k = 0; k < n; ++k)
            d[k] = static_cast<float>(std::exp(-static_cast<double>(k) * dt_ / tau));
        return d;
    };
    plus_decay_ = table(rule_.tau_plus);
    minus_decay_ = table(rule_.tau_minus);
}

void StdpSynapses::set_rule(const StdpRule& rule) {
    if (!(rule.tau_plus > 0) || !(rule.tau_minus > 0) || !(rule.w_max > 0) || rule.period < 0)
        throw std::invalid_argument("StdpSynapses: the time constants and w_max must be > 0, N >= 0");
    if (rule == rule_) return;
    apply_pending();
    const bool taus = rule.tau_plus != rule_.tau_plus || rule.tau_minus != rule_.tau_minus;
    rule_ = rule;
    if (taus) build_decay();
    for (float& w : weight_) w = std::clamp(w, 0.f, rule_.w_max);
}

std::uint32_t StdpSynapses::source_of(std::uint32_t s) const {
    return row_of(row_start_, rows_per_synapse_, s);
}

float StdpSynapses::depress(float w, float x_post) const {
    const float a = rule_.rate * rule_.depression * x_post;
    return std::clamp(w - a * (rule_.multiplicative ? w : rule_.w_max), 0.f, rule_.w_max);
}

float StdpSynapses::potentiate(float w, float x_pre) const {
    const float a = rule_.rate * x_pre;
    return std::clamp(w + a * (rule_.multiplicative ? rule_.w_max - w : rule_.w_max), 0.f, rule_.w_max);
}

void StdpSynapses::deliver(std::span<const std::uint32_t> pre, std::span<float> g) const {
    for (std::uint32_t i : pre)
        for (std::uint32_t s = row_start_[i]; s < row_start_[i + 1]; ++s) g[target_[s]] += weight_[s];
}

void StdpSynapses::step(std::span<const std::uint32_t> pre, std::span<const std::uint32_t> post) {
    const auto c = static_cast<std::int64_t>(cycle_);
    const bool online = rule_.period == 0;
    for (std::uint32_t i : pre) {
        pre_.fire(i, c, plus_decay_, !online, pre_fired_);
        if (!online) continue;
        for (std::uint32_t s = row_start_[i]; s < row_start_[i + 1]; ++s)
            weight_[s] = depress(weight_[s], post_.value(target_[s], c, minus_decay_));
    }
    for (std::uint32_t j : post) {
        post_.fire(j, c, minus_decay_, !online, post_fired_);
        if (!online) continue;
        const std::uint32_t end = col_start_[j + 1];
        for (std::uint32_t k = col_start_[j]; k < end; ++k) {
            if (k + kPrefetch < end) __builtin_prefetch(&weight_[col_synapse_[k + kPrefetch]], 1);
            const std::uint32_t s = col_synapse_[k];
            weight_[s] =
                potentiate(weight_[s], pre_.value(row_of(row_start_, rows_per_synapse_, s), c, plus_decay_));
        }
    }
    ++cycle_;
    if (!online && ++since_apply_ >= rule_.period) apply_pending();
}

void StdpSynapses::replay(std::uint32_t s, std::uint32_t source, std::uint32_t target) {
    // Each side's trace as it stood before the period, then its events in cycle order, the presynaptic one
    // first on a tie: the online mode's sequence for this one synapse.
    std::int32_t pe = pre_.head[source], qe = post_.head[target];
    float px = pe >= 0 ? pre_.x0[source] : pre_.x[source];
    std::int64_t pat = pe >= 0 ? pre_.at0[source] : pre_.at[source];
    float qx = qe >= 0 ? post_.x0[target] : post_.x[target];
    std::int64_t qat = qe >= 0 ? post_.at0[target] : post_.at[target];
    float w = weight_[s];
    while (pe >= 0 || qe >= 0) {
        if (pe >= 0 && (qe < 0 || pre_.events[static_cast<std::size_t>(pe)].cycle <=
                                      post_.events[static_cast<std::size_t>(qe)].cycle)) {
            const Traces::Event& e = pre_.events[static_cast<std::size_t>(pe)];
            w = depress(w, decayed(qx, e.cycle - qat, minus_decay_));
            px = e.x;
            pat = e.cycle;
            pe = e.next;
        } else {
            const Traces::Event& e = post_.events[static_cast<std::size_t>(qe)];
            w = potentiate(w, decayed(px, e.cycle - pat, plus_decay_));
            qx = e.x;
            qat = e.cycle;
            qe = e.next;
        }
    }
    weight_[s] = w;
}

void StdpSynapses::apply_pending() {
    since_apply_ = 0;
    if (!pending()) return;
    for (std::uint32_t i : pre_fired_)
        for (std::uint32_t s = row_start_[i]; s < row_start_[i + 1]; ++s) replay(s, i, target_[s]);
    for (std::uint32_t j : post_fired_)
        for (std::uint32_t k = col_start_[j], end = col_start_[j + 1]; k < end; ++k) {
            if (k + kPrefetch < end) __builtin_prefetch(&weight_[col_synapse_[k + kPrefetch]], 1);
            const std::uint32_t s = col_synapse_[k];
            const std::uint32_t i = row_of(row_start_, rows_per_synapse_, s);
            if (pre_.head[i] < 0) replay(s, i, j); // a source that fired has replayed its whole row
        }
    pre_.clear_period(pre_fired_);
    post_.clear_period(post_fired_);
    pre_fired_.clear();
    post_fired_.clear();
}

double StdpSynapses::bytes_per_synapse() const {
    if (target_.empty()) return 0.0;
    const double bytes = static_cast<double>(target_.size() * kSynapseBytes +
                                             (row_start_.size() + col_start_.size()) * sizeof(std::uint32_t));
    return bytes / static_cast<double>(target_.size());
}

} // namespace phasor
