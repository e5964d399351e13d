// The stepped network's side facing the runtime and the UI: advancing under the model contract, live
// parameters, the payload it publishes, evaluation and checkpoints.
#include "engine/core/error.hpp"
#include "engine/stepnet/stepnet.hpp"
#include "engine/stepnet/stepnet_state.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>
#include <functional>
#include <tuple>

namespace phasor {

namespace {

template <class From> void copy_into(std::vector<float>& to, const From& from) {
    to.resize(static_cast<std::size_t>(from.size()));
    Eigen::Map<Eigen::VectorXf>(to.data(), from.size()) = from;
}

// `count` slots of a ring of one value per column, from slot `oldest` on, oldest first.
void unroll(const std::vector<float>& ring, std::size_t oldest, std::size_t count, std::vector<float>& to) {
    to.resize(count);
    for (std::size_t c = 0; c < count; ++c) to[c] = ring[(oldest + c) % ring.size()];
}

int as_int(const ParamValue& v) {
    return static_cast<int>(std::get<std::int64_t>(v));
}

} // namespace

std::uint64_t StepNet::advance(std::uint64_t max_ticks, SeriesWriter& series) {
    SeriesSample sample;
    std::uint64_t done = 0;
    while (done < max_ticks && !diverged_) {
        tick();
        ++done;
        // A diverged tick's loss is not a point of the series: the run goes back to its checkpoint.
        if (!diverged_ && series_due()) {
            this->sample(sample);
            series.write(sample);
        }
    }
    return done;
}

std::optional<std::string> StepNet::set(const ParamSpec& row, const ParamValue& value) {
    auto& s = *impl_;
    // The schedule's fields change together through one spec, which the schedule checks as a whole; the
    // current rate carries on.
    auto schedule_field = [&](auto assign) -> std::optional<std::string> {
        ScheduleSpec spec = schedule_.spec();
        assign(spec);
        spec.lr = schedule_.lr();
        try {
            validate(spec);
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        schedule_.set_spec(spec);
        config_.schedule = spec;
        return std::nullopt;
    };
    // Likewise the optimizer's, which keeps its state (momentum) across the change.
    auto optimizer_field = [&](auto assign) -> std::optional<std::string> {
        OptimizerSpec spec = optimizer_->spec();
        assign(spec);
        try {
            optimizer_->set_hyper(spec);
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        config_.optimizer = spec;
        return std::nullopt;
    };
    using Setter = std::function<std::optional<std::string>(const ParamValue&)>;
    const std::array<std::pair<std::string_view, Setter>, 21> setters{{
        {"train.lr",
         [&](const ParamValue& v) -> std::optional<std::string> {
             schedule_.set_lr(std::get<float>(v));
             config_.schedule.lr = std::get<float>(v);
             return std::nullopt;
         }},
        {"train.schedule",
         [&](const ParamValue& v) {
             return schedule_field(
                 [&](ScheduleSpec& spec) { spec.kind = *parse_schedule(std::get<std::string>(v)); });
         }},
        {"train.decay",
         [&](const ParamValue& v) {
             return schedule_field([&](ScheduleSpec& spec) { spec.decay = std::get<float>(v); });
         }},
        {"train.floor",
         [&](const ParamValue& v) {
             return schedule_field([&](ScheduleSpec& spec) { spec.floor = std::get<float>(v); });
         }},
        {"train.step_every",
         [&](const ParamValue& v) {
             return schedule_field([&](ScheduleSpec& spec) { spec.step_every = as_int(v); });
         }},
        {"train.gamma",
         [&](const ParamValue& v) {
             return schedule_field([&](ScheduleSpec& spec) { spec.gamma = std::get<float>(v); });
         }},
        {"train.delay_depth",
         [&](const ParamValue& v) -> std::optional<std::string> {
             const int depth = std::holds_alternative<std::monostate>(v) ? pipeline_lag() : as_int(v);
             queue_.set_depth(depth);
             config_.delay_depth = depth;
             return std::nullopt;
         }},
        {"train.attention",
         [&](const ParamValue& v) -> std::optional<std::string> {
             config_.attention = std::get<bool>(v);
             if (!config_.attention) {
                 // With attention off the factors are all 1: show that, not the last re-weighting.
                 for (auto& f : s.factors_w) f.setOnes();
                 for (auto& f : s.factors_b) f.setOnes();
             } else {
                 // Until a layer's next update, its last one (made without attention) is what it shows.
                 for (std::size_t l = 0; l < layers_.size(); ++l) {
                     s.raw_w[l] = s.grad_w[l];
                     s.raw_b[l] = s.grad_b[l];
                     s.raw_outer[l] = 0;
                 }
             }
             return std::nullopt;
         }},
        {"train.l2",
         [&](const ParamValue& v) -> std::optional<std::string> {
             config_.l2 = std::get<float>(v);
             return std::nullopt;
         }},
        {"train.l1",
         [&](const ParamValue& v) -> std::optional<std::string> {
             config_.l1 = std::get<float>(v);
             return std::nullopt;
         }},
        {"train.batch",
         [&](const ParamValue& v) -> std::optional<std::string> {
             // The batches being gathered carry on: each is applied once it holds the new size.
             config_.batch = as_int(v);
             return std::nullopt;
         }},
        {"train.temperature",
         [&](const ParamValue& v) -> std::optional<std::string> {
             config_.temperature = std::get<float>(v);
             return std::nullopt;
         }},
        {"train.backward",
         [&](const ParamValue& v) -> std::optional<std::string> {
             config_.backward = *parse_backward_mode(std::get<std::string>(v));
             // Messages in flight belong to the old mode's bookkeeping.
             for (auto& m : s.inbox) m.valid = false;
             for (auto& m : s.outbox) m.valid = false;
             return std::nullopt;
         }},
        {"task.hold_ticks",
         [&](const ParamValue& v) -> std::optional<std::string> {
             stream_->set_hold_ticks(as_int(v));
             config_.task.hold_ticks = as_int(v);
             return std::nullopt;
         }},
        {"train.rolling_window",
         [&](const ParamValue& v) -> std::optional<std::string> {
             // The window's ring is resized, so the rolling count starts again.
             config_.rolling_window = as_int(v);
             s.hits.assign(static_cast<std::size_t>(config_.rolling_window), 0);
             s.hits_head = s.hits_count = s.hits_sum = 0;
             return std::nullopt;
         }},
        {"train.series_every",
         [&](const ParamValue& v) -> std::optional<std::string> {
             config_.series_every = as_int(v);
             return std::nullopt;
         }},
        {"train.momentum",
         [&](const ParamValue& v) {
             return optimizer_field([&](OptimizerSpec& spec) { spec.momentum = std::get<float>(v); });
         }},
        {"train.weight_decay",
         [&](const ParamValue& v) {
             return optimizer_field([&](OptimizerSpec& spec) { spec.weight_decay = std::get<float>(v); });
         }},
        {"train.beta1",
         [&](const ParamValue& v) {
             return optimizer_field([&](OptimizerSpec& spec) { spec.beta1 = std::get<float>(v); });
         }},
        {"train.beta2",
         [&](const ParamValue& v) {
             return optimizer_field([&](OptimizerSpec& spec) { spec.beta2 = std::get<float>(v); });
         }},
        {"train.eps",
         [&](const ParamValue& v) {
             return optimizer_field([&](OptimizerSpec& spec) { spec.eps = std::get<float>(v); });
         }},
    }};
    for (const auto& [key, setter] : setters)
        if (key == row.key) return setter(value);
    return fmt::format("not a live parameter of the stepped network");
}

std::uint64_t StepNet::series_interval() const {
    const auto every = static_cast<std::uint64_t>(config_.series_every);
    if (pace_ <= 0.0) return every;
    const auto shown = static_cast<std::uint64_t>(std::max(1.0, std::floor(pace_ / kShownSamplesPerSecond)));
    return std::min(every, shown);
}

std::uint64_t StepNet::history_stride(double pace) {
    if (pace <= 0.0) return kFullSpeedStride;
    if (pace <= kShownColumnsPerSecond) return 1;
    const double power = std::round(std::log2(pace / kShownColumnsPerSecond));
    return std::uint64_t{1} << static_cast<int>(std::clamp(power, 0.0, 40.0));
}

void StepNet::set_pace(double ticks_per_second) {
    pace_ = ticks_per_second;
    auto& h = impl_->history;
    const std::uint64_t stride = history_stride(pace_);
    if (stride != h.stride) {
        h.stride = stride;
        h.stride_from = tick_;
    }
}

bool StepNet::series_due() const {
    return tick_ % series_interval() == 0;
}

std::uint64_t StepNet::test_every() const {
    const auto size = static_cast<double>(task_->eval_set().size());
    const auto interval = static_cast<double>(series_interval());
    auto every = static_cast<std::uint64_t>(std::ceil(size * kTicksPerTestForward / interval));
    if (pace_ > 0.0) {
        // Shown slowly, the engine has time to spare: what matters is forwards per second, not per tick.
        const double per_second = pace_ / interval * size;
        every = std::min(every, static_cast<std::uint64_t>(std::ceil(per_second / kPacedTestForwards)));
    }
    return std::max<std::uint64_t>(1, every);
}

// The family's channels, in stepnet_family.cpp's order: loss, rolling accuracy, lr, queue occupancy,
// attention min, max, entropy, effect, test loss, test accuracy.
void StepNet::sample(SeriesSample& out) {
    auto& s = *impl_;
    out.tick = tick_;
    auto& v = out.values;
    v[0] = s.loss_count ? static_cast<float>(s.loss_sum / static_cast<double>(s.loss_count)) : last_loss_;
    s.loss_sum = 0.0;
    s.loss_count = 0;
    v[1] = rolling_accuracy();
    v[2] = schedule_.lr();
    v[3] = static_cast<float>(queue_.size());
    v[4] = v[5] = v[6] = 1.f;
    if (config_.attention) {
        float lo = INFINITY, hi = -INFINITY, entropy = 0.f;
        for (const auto& f : s.factors_w) {
            const AttentionStats a = summarize_attention(ConstFloatMap(f.data(), f.size()));
            lo = std::min(lo, a.min);
            hi = std::max(hi, a.max);
            entropy += a.entropy;
        }
        v[4] = lo;
        v[5] = hi;
        v[6] = entropy / static_cast<float>(s.factors_w.size());
    }
    float effect = 0.f;
    for (int l = 0; l < layer_count(); ++l) effect += attention_effect_of(l, false);
    v[7] = effect / static_cast<float>(layer_count());
    // Between evaluations the last value is carried (test_tick says when it was taken).
    if (s.samples_to_test == 0) {
        std::tie(s.test_loss, s.test_accuracy) = test_loss_and_accuracy();
        s.test_tick = tick_;
        s.samples_to_test = test_every();
    }
    --s.samples_to_test;
    v[8] = s.test_loss;
    v[9] = s.test_accuracy;
}

std::pair<float, float> StepNet::test_loss_and_accuracy() {
    const auto& set = task_->eval_set();
    if (set.empty()) return {0.f, 0.f};
    double loss = 0.0;
    int hits = 0;
    for (const Sample& sample : set) {
        const Vec& a = settled_forward(sample.x);
        Eigen::Index best;
        a.maxCoeff(&best);
        hits += best == sample.label;
        if (config_.loss == Loss::CrossEntropy) {
            // −log p from the logits, as training scores it: finite when p underflows.
            const Vec& z = impl_->eval_z.back();
            const float top = z.maxCoeff();
            loss += std::log(static_cast<double>((z.array() - top).exp().sum())) + top - z[sample.label];
        } else {
            Vec& diff = impl_->out_grad;
            loss += mse(a, sample.label, diff);
        }
    }
    const auto n = static_cast<double>(set.size());
    return {static_cast<float>(loss / n), static_cast<float>(hits / n)};
}

float StepNet::attention_effect_of(int layer, bool bias) const {
    if (!config_.attention) return 0.f;
    const auto& s = *impl_;
    const auto l = static_cast<std::size_t>(layer);
    auto span = [](const auto& m) {
        return std::span<const float>(m.data(), static_cast<std::size_t>(m.size()));
    };
    if (bias) return attention_effect(span(s.raw_b[l]), span(s.grad_b[l]));
    return s.raw_outer[l] ? attention_effect(span(s.raw_delta[l]), span(s.raw_x[l]), span(s.grad_w[l]))
                          : attention_effect(span(s.raw_w[l]), span(s.grad_w[l]));
}

// Sized for the most the network can publish (every connection it may draw, a full queue), so that filling
// it while training never allocates.
std::unique_ptr<Payload> StepNet::make_payload() const {
    auto view = std::make_unique<StepNetView>();
    view->layers.resize(layers_.size());
    for (std::size_t l = 0; l < layers_.size(); ++l) {
        view->layers[l].connections.reserve(
            std::min(static_cast<std::size_t>(layers_[l].W.size()), StepNetView::kMaxConnections));
        view->layers[l].history.reserve(impl_->history.columns[l].size());
        view->layers[l].effect_history.reserve(StepNetView::kHistoryColumns);
        view->layers[l].effect_bias_history.reserve(StepNetView::kHistoryColumns);
    }
    view->queue.reserve(static_cast<std::size_t>(queue_.capacity()) + 1);
    view->history_ticks.reserve(StepNetView::kHistoryColumns);
    return view;
}

void StepNet::fill(Snapshot& snap) {
    auto& s = *impl_;
    auto& view = *snap.payload_as<StepNetView>();
    evaluate_into(snap.eval);
    if (snap.eval.name != evaluation_)
        snap.eval.name = evaluation_; // no copy, so no allocation, on most publishes
    snap.eval.held_out = task_->eval_held_out();
    // The family's headline, in stepnet_family.cpp's order.
    snap.headline[0] = snap.eval.accuracy;
    snap.headline[1] = rolling_accuracy();
    snap.headline[2] = last_loss_;
    snap.headline[3] = schedule_.lr();
    if (snap.class_names != task_->class_names()) snap.class_names = task_->class_names();

    const auto t = static_cast<std::int64_t>(tick_) - 1; // the last completed tick
    const std::size_t now = s.rings[0].slot(t);
    view.mode = to_string(config_.backward);
    view.attention = config_.attention;
    view.temperature = config_.temperature;
    copy_into(view.input, s.input_ring[now]);
    view.input_label = s.input_labels[now];
    view.layers.resize(layers_.size());
    for (std::size_t l = 0; l < layers_.size(); ++l) {
        const DenseLayer& layer = layers_[l];
        LayerView& v = view.layers[l];
        v.in = layer.in();
        v.out = layer.out();
        v.activation = to_string(layer.f);
        copy_into(v.pre, s.rings[l].z[now]);
        copy_into(v.act, s.rings[l].a[now]);
        fill_connections(l, v);
        fill_factors(l, v);
        copy_into(v.attention_b, s.factors_b[l]);
        v.attention_effect = attention_effect_of(static_cast<int>(l), false);
        v.attention_effect_bias = attention_effect_of(static_cast<int>(l), true);
        v.staleness = staleness(static_cast<int>(l));
    }
    fill_history(view);
    view.delay_depth = queue_.depth();
    view.pipeline_lag = pipeline_lag();
    view.queue.resize(static_cast<std::size_t>(queue_.size()));
    for (int i = 0; i < queue_.size(); ++i)
        view.queue[static_cast<std::size_t>(i)] = {queue_.at(i).label, queue_.at(i).from_tick};
    view.scored_label = s.has_scored ? s.last_scored.label : -1;
    view.scored_from_tick = s.last_scored.from_tick;
    view.aligned =
        s.has_scored && s.last_scored.from_tick + static_cast<std::uint64_t>(pipeline_lag()) == tick_ - 1;
    // A queue of depth d scores from its d+1-th push on; until then the last tick scored nothing.
    view.filling = queue_.depth() > 0 && !s.scored_last_tick;
    view.history_bytes = history_bytes();
    view.schedule.kind = to_string(schedule_.spec().kind);
    view.schedule.lr = schedule_.lr();
    view.schedule.lr_set = config_.schedule.lr;
    view.schedule.floor = schedule_.spec().floor;
    view.schedule.updates = schedule_.updates();
    view.schedule.updates_to_floor = schedule_.updates_to_floor();
    view.schedule.lr_after_1000 = schedule_.lr_after(1000);
    view.held_out = task_->eval_held_out();
    view.evaluation_size = static_cast<int>(task_->eval_set().size());
    view.evaluation = evaluation_;
    view.test_loss = s.test_loss;
    view.test_accuracy = s.test_accuracy;
    view.test_tick = s.test_tick;
    // In slow motion or single steps every fill shows the current weights (the cost is then negligible); at
    // speed every kDecisionEvery-th. Copied even when not recomputed: the triple buffer hands out three
    // snapshots in turn, and each must show the newest map, not whichever one it was last filled with.
    const bool slow = tick_ - s.last_fill_tick <= kSlowFillTicks;
    if (slow || ++s.fills_since_decision >= kDecisionEvery) {
        fill_decision_map(s.decision);
        s.fills_since_decision = 0;
    }
    s.last_fill_tick = tick_;
    view.decision = s.decision;
}

// The history ring unrolled, oldest column first.
void StepNet::fill_history(StepNetView& view) {
    const auto& h = impl_->history;
    const std::size_t columns = StepNetView::kHistoryColumns;
    const std::size_t oldest = (h.next + columns - h.count) % columns;
    view.history_ticks.resize(h.count);
    for (std::size_t c = 0; c < h.count; ++c) view.history_ticks[c] = h.ticks[(oldest + c) % columns];
    view.history_stride = h.stride;
    view.history_stride_from = h.stride_from;
    for (std::size_t l = 0; l < layers_.size(); ++l) {
        LayerView& v = view.layers[l];
        const std::size_t rows = h.neurons[l].size();
        v.history_neurons.assign(h.neurons[l].begin(), h.neurons[l].end());
        v.history.resize(h.count * rows);
        // At most two runs of contiguous columns: from the oldest to the ring's end, then from its start.
        const std::size_t first = std::min(h.count, columns - oldest);
        const float* ring = h.columns[l].data();
        std::copy(ring + oldest * rows, ring + (oldest + first) * rows, v.history.begin());
        std::copy(ring, ring + (h.count - first) * rows,
                  v.history.begin() + static_cast<std::ptrdiff_t>(first * rows));
        unroll(h.effect[l], oldest, h.count, v.effect_history);
        unroll(h.effect_bias[l], oldest, h.count, v.effect_bias_history);
    }
}

// The connections worth a line, strongest last so they are drawn on top. Wide layers keep the strongest
// kMaxConnections: the panel could not draw more, and copying every weight would cost the engine.
void StepNet::fill_connections(std::size_t l, LayerView& v) {
    auto& scratch = impl_->connection_scratch;
    if (scratch.capacity() == 0) {
        std::size_t most = 0;
        for (const DenseLayer& layer : layers_)
            most = std::max(most, static_cast<std::size_t>(layer.W.size()));
        scratch.reserve(most);
    }
    const Mat& W = layers_[l].W;
    float largest = 0.f;
    for (Eigen::Index k = 0; k < W.size(); ++k)
        if (std::isfinite(W.data()[k])) largest = std::max(largest, std::abs(W.data()[k]));
    v.largest_weight = largest;
    const float share = static_cast<std::size_t>(W.size()) > StepNetView::kDenseLayer
                            ? StepNetView::kDenseDrawnShare
                            : StepNetView::kDrawnShare;
    const float threshold = share * largest;
    scratch.clear();
    for (Eigen::Index i = 0; i < W.cols(); ++i)
        for (Eigen::Index j = 0; j < W.rows(); ++j)
            if (const float w = W(j, i); largest > 0.f && std::abs(w) >= threshold)
                scratch.push_back({static_cast<std::int32_t>(i), static_cast<std::int32_t>(j), w});
    auto weaker = [](const Connection& a, const Connection& b) {
        return std::abs(a.weight) < std::abs(b.weight);
    };
    auto first = scratch.begin();
    if (scratch.size() > StepNetView::kMaxConnections) {
        first = scratch.end() - static_cast<std::ptrdiff_t>(StepNetView::kMaxConnections);
        std::nth_element(scratch.begin(), first, scratch.end(), weaker);
    }
    std::sort(first, scratch.end(), weaker);
    v.connections.assign(first, scratch.end());
}

// The weight factors row-major (row = output neuron), averaged over square blocks when the layer is wider
// than kMaxFactorSide, and their histogram over every factor.
void StepNet::fill_factors(std::size_t l, LayerView& v) {
    const Vec& f = impl_->factors_w[l];
    const int out = v.out, in = v.in;
    const int block =
        std::max(1, (std::max(in, out) + StepNetView::kMaxFactorSide - 1) / StepNetView::kMaxFactorSide);
    v.factor_block = block;
    v.factor_rows = (out + block - 1) / block;
    v.factor_cols = (in + block - 1) / block;
    v.factors.assign(static_cast<std::size_t>(v.factor_rows * v.factor_cols), 0.f);
    // The bins span the factors' own range: factors of 1 ± 1e-4 (a high temperature) still show their spread,
    // which bins over [0, max] would pile into one.
    float lo = INFINITY, hi = -INFINITY;
    for (Eigen::Index k = 0; k < f.size(); ++k)
        if (std::isfinite(f[k])) lo = std::min(lo, f[k]), hi = std::max(hi, f[k]);
    if (lo > hi) lo = hi = 0.f; // no finite factor
    v.factor_min = lo;
    v.factor_max = hi;
    v.factor_histogram.assign(StepNetView::kFactorBins, 0.f);
    const float bins_per_unit = hi > lo ? static_cast<float>(StepNetView::kFactorBins) / (hi - lo) : 0.f;
    for (int i = 0; i < in; ++i)
        for (int j = 0; j < out; ++j) {
            const float factor = f[static_cast<Eigen::Index>(i) * out + j]; // stored like the gradient
            const auto cell = static_cast<std::size_t>((j / block) * v.factor_cols + i / block);
            v.factors[cell] += factor;
            if (std::isfinite(factor)) {
                const auto bin = std::min(static_cast<std::size_t>((factor - lo) * bins_per_unit),
                                          StepNetView::kFactorBins - 1);
                v.factor_histogram[bin] += 1.f;
            }
        }
    if (block > 1)
        for (int r = 0; r < v.factor_rows; ++r)
            for (int c = 0; c < v.factor_cols; ++c) {
                const int rows = std::min(block, out - r * block), cols = std::min(block, in - c * block);
                v.factors[static_cast<std::size_t>(r) * static_cast<std::size_t>(v.factor_cols) +
                          static_cast<std::size_t>(c)] /=
                    static_cast<float>(static_cast<std::int64_t>(rows) * cols);
            }
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
    evaluate_into(r);
    return r;
}

void StepNet::evaluate_into(EvalResult& r) {
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
}

bool StepNet::weights_finite() const {
    for (const auto& layer : layers_)
        if (!layer.W.allFinite() || !layer.b.allFinite()) return false;
    return true;
}

float StepNet::state_scale() const {
    float largest = 0.f;
    for (const auto& layer : layers_) {
        if (layer.W.size() > 0) largest = std::max(largest, layer.W.cwiseAbs().maxCoeff());
        if (layer.b.size() > 0) largest = std::max(largest, layer.b.cwiseAbs().maxCoeff());
    }
    return largest;
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
    checkpoint_loss_ = last_loss_;
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
    last_loss_ = checkpoint_loss_; // the diverged tick's loss described weights that are gone
    optimizer_->clear_state();
    // Half-gathered batches hold gradients of the weights being thrown away.
    std::fill(s.batched.begin(), s.batched.end(), 0);
    s.scored_in_batch = 0;
    for (auto& m : s.inbox) m.valid = false;
    for (auto& m : s.outbox) m.valid = false;
    // The rings hold activations computed from the bad weights, and the queue targets for them: start the
    // pipeline afresh, so no update pairs a restored output with a target from before the divergence.
    for (auto& ring : s.rings)
        for (std::size_t i = 0; i < ring.z.size(); ++i) {
            ring.z[i].setZero();
            ring.a[i].setZero();
        }
    queue_.clear();
    s.has_scored = false;
    s.scored_last_tick = false;
    diverged_ = false;
}

} // namespace phasor
