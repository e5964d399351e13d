// The stepped network's side facing the trainer and the UI: live parameters, telemetry, evaluation,
// checkpoints.
#include "engine/core/error.hpp"
#include "engine/stepnet/stepnet.hpp"
#include "engine/stepnet/stepnet_state.hpp"

#include <cmath>
#include <fmt/format.h>

namespace phasor {

namespace {
template <class... F> struct Overloaded : F... { using F::operator()...; };
template <class... F> Overloaded(F...) -> Overloaded<F...>;

bool positive_finite(float v) {
    return std::isfinite(v) && v > 0.f;
}

template <class From> void copy_into(std::vector<float>& to, const From& from) {
    to.resize(static_cast<std::size_t>(from.size()));
    Eigen::Map<Eigen::VectorXf>(to.data(), from.size()) = from;
}
} // namespace

std::optional<std::string> StepNet::apply(const Command& command) {
    auto& s = *impl_;
    return std::visit(Overloaded{
                          [&](const SetLearningRate& c) -> std::optional<std::string> {
                              if (!positive_finite(c.lr))
                                  return fmt::format("learning rate must be > 0, got {}", c.lr);
                              schedule_.set_lr(c.lr);
                              return std::nullopt;
                          },
                          [&](const SetSchedule& c) -> std::optional<std::string> {
                              try {
                                  ScheduleSpec spec = c.spec;
                                  spec.lr = schedule_.lr();
                                  validate(spec);
                                  schedule_.set_spec(spec);
                                  config_.schedule = spec;
                              } catch (const InputError& e) {
                                  return std::string(e.what());
                              }
                              return std::nullopt;
                          },
                          [&](const SetDelayDepth& c) -> std::optional<std::string> {
                              if (c.depth < 0 || c.depth > kMaxDelayDepth)
                                  return fmt::format("delay depth must be between 0 and {}, got {}",
                                                     kMaxDelayDepth, c.depth);
                              queue_.set_depth(c.depth);
                              config_.delay_depth = c.depth;
                              return std::nullopt;
                          },
                          [&](const SetAttention& c) -> std::optional<std::string> {
                              config_.attention = c.enabled;
                              if (!c.enabled) {
                                  // With attention off the factors are all 1: show that, not the last
                                  // re-weighting.
                                  for (auto& f : s.factors_w) f.setOnes();
                                  for (auto& f : s.factors_b) f.setOnes();
                              }
                              return std::nullopt;
                          },
                          [&](const SetTemperature& c) -> std::optional<std::string> {
                              if (!positive_finite(c.temperature))
                                  return fmt::format("attention temperature must be > 0 and finite, got {}",
                                                     c.temperature);
                              config_.temperature = c.temperature;
                              return std::nullopt;
                          },
                          [&](const SetBackwardMode& c) -> std::optional<std::string> {
                              config_.backward = c.mode;
                              // Messages in flight belong to the old mode's bookkeeping.
                              for (auto& m : s.inbox) m.valid = false;
                              for (auto& m : s.outbox) m.valid = false;
                              return std::nullopt;
                          },
                          [](const auto&) -> std::optional<std::string> {
                              return std::string("not a model parameter (run control is the trainer's)");
                          },
                      },
                      command);
}

bool StepNet::series_due() const {
    return tick_ % static_cast<std::uint64_t>(config_.series_every) == 0;
}

void StepNet::sample(SeriesSample& out) {
    auto& s = *impl_;
    out.tick = tick_;
    out.loss = s.loss_count ? static_cast<float>(s.loss_sum / static_cast<double>(s.loss_count)) : last_loss_;
    s.loss_sum = 0.0;
    s.loss_count = 0;
    out.rolling_accuracy = rolling_accuracy();
    out.lr = schedule_.lr();
    out.ticks_per_second = 0.f;
    out.queue_occupancy = static_cast<float>(queue_.size());
    out.attention_min = 1.f;
    out.attention_max = 1.f;
    out.attention_entropy = 1.f;
    if (config_.attention) {
        float lo = INFINITY, hi = -INFINITY, entropy = 0.f;
        for (const auto& f : s.factors_w) {
            const AttentionStats a = summarize_attention(ConstFloatMap(f.data(), f.size()));
            lo = std::min(lo, a.min);
            hi = std::max(hi, a.max);
            entropy += a.entropy;
        }
        out.attention_min = lo;
        out.attention_max = hi;
        out.attention_entropy = entropy / static_cast<float>(s.factors_w.size());
    }
}

void StepNet::fill(Snapshot& snap) {
    auto& s = *impl_;
    const auto t = static_cast<std::int64_t>(tick_) - 1; // the last completed tick
    const std::size_t now = s.rings[0].slot(t);
    snap.tick = tick_;
    snap.mode = to_string(config_.backward);
    snap.attention = config_.attention;
    snap.temperature = config_.temperature;
    snap.lr = schedule_.lr();
    snap.loss = last_loss_;
    snap.rolling_accuracy = rolling_accuracy();
    copy_into(snap.input, s.input_ring[now]);
    snap.input_label = s.input_labels[now];
    snap.layers.resize(layers_.size());
    for (std::size_t l = 0; l < layers_.size(); ++l) {
        const DenseLayer& layer = layers_[l];
        LayerView& v = snap.layers[l];
        v.in = layer.in();
        v.out = layer.out();
        v.activation = to_string(layer.f);
        copy_into(v.pre, s.rings[l].z[now]);
        copy_into(v.act, s.rings[l].a[now]);
        v.weights.resize(static_cast<std::size_t>(layer.W.size()));
        Eigen::Map<Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
            v.weights.data(), v.out, v.in) = layer.W;
        copy_into(v.bias, layer.b);
        // Factors are stored in the gradient's column-major order; the view is row-major like the weights.
        v.attention_w.resize(static_cast<std::size_t>(layer.W.size()));
        Eigen::Map<Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
            v.attention_w.data(), v.out, v.in) = Eigen::Map<const Mat>(s.factors_w[l].data(), v.out, v.in);
        copy_into(v.attention_b, s.factors_b[l]);
        v.staleness = staleness(static_cast<int>(l));
    }
    if (snap.class_names != task_->class_names()) snap.class_names = task_->class_names();
    snap.delay_depth = queue_.depth();
    snap.pipeline_lag = pipeline_lag();
    snap.queue.resize(static_cast<std::size_t>(queue_.size()));
    for (int i = 0; i < queue_.size(); ++i)
        snap.queue[static_cast<std::size_t>(i)] = {queue_.at(i).label, queue_.at(i).from_tick};
    snap.scored_label = s.has_scored ? s.last_scored.label : -1;
    snap.scored_from_tick = s.last_scored.from_tick;
    snap.aligned =
        s.has_scored && s.last_scored.from_tick + static_cast<std::uint64_t>(pipeline_lag()) == tick_ - 1;
    snap.history_bytes = history_bytes();
    snap.eval = evaluate();
    // In slow motion or single steps every fill shows the current weights (the cost is then negligible); at
    // speed every kDecisionEvery-th. Copied even when not recomputed: the triple buffer hands out three
    // snapshots in turn, and each must show the newest map, not whichever one it was last filled with.
    const bool slow = tick_ - s.last_fill_tick <= kSlowFillTicks;
    if (slow || ++s.fills_since_decision >= kDecisionEvery) {
        fill_decision_map(s.decision);
        s.fills_since_decision = 0;
    }
    s.last_fill_tick = tick_;
    snap.decision = s.decision;
}

const Vec& StepNet::settled_forward(const Vec& x) {
    auto& s = *impl_;
    for (std::size_t l = 0; l < layers_.size(); ++l)
        layers_[l].forward(l == 0 ? x : s.eval_a[l - 1], s.eval_z[l], s.eval_a[l]);
    return s.eval_a.back();
}

int StepNet::predict(const Vec& x) {
    Eigen::Index i;
    settled_forward(x).maxCoeff(&i);
    return static_cast<int>(i);
}

EvalResult StepNet::evaluate() {
    EvalResult r;
    const int k = task_->num_classes();
    r.per_class_accuracy.assign(static_cast<std::size_t>(k), 0.f);
    r.per_class_count.assign(static_cast<std::size_t>(k), 0);
    int correct = 0;
    const auto& set = task_->eval_set();
    for (const Sample& sample : set) {
        const bool hit = predict(sample.x) == sample.label;
        correct += hit;
        r.per_class_accuracy[static_cast<std::size_t>(sample.label)] += hit ? 1.f : 0.f;
        ++r.per_class_count[static_cast<std::size_t>(sample.label)];
    }
    for (int c = 0; c < k; ++c) {
        const auto ci = static_cast<std::size_t>(c);
        if (r.per_class_count[ci] > 0) r.per_class_accuracy[ci] /= static_cast<float>(r.per_class_count[ci]);
    }
    r.accuracy = set.empty() ? 0.f : static_cast<float>(correct) / static_cast<float>(set.size());
    return r;
}

bool StepNet::weights_finite() const {
    for (const auto& layer : layers_)
        if (!layer.W.allFinite() || !layer.b.allFinite()) return false;
    return true;
}

void StepNet::checkpoint() {
    auto& s = *impl_;
    s.good_w.resize(layers_.size());
    s.good_b.resize(layers_.size());
    for (std::size_t l = 0; l < layers_.size(); ++l) {
        s.good_w[l] = layers_[l].W;
        s.good_b[l] = layers_[l].b;
    }
    s.good_lr = schedule_.lr();
    checkpoint_tick_ = tick_;
}

void StepNet::restore() {
    auto& s = *impl_;
    s.fills_since_decision = kDecisionEvery; // the map was drawn from the weights being thrown away
    for (std::size_t l = 0; l < layers_.size(); ++l) {
        layers_[l].W = s.good_w[l];
        layers_[l].b = s.good_b[l];
    }
    schedule_.set_lr(s.good_lr);
    optimizer_->clear_state();
    for (auto& m : s.inbox) m.valid = false;
    for (auto& m : s.outbox) m.valid = false;
    // The rings hold activations computed from the bad weights; start the pipeline afresh.
    for (auto& ring : s.rings)
        for (std::size_t i = 0; i < ring.z.size(); ++i) {
            ring.z[i].setZero();
            ring.a[i].setZero();
        }
    diverged_ = false;
}

} // namespace phasor
