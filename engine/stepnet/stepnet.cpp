// The stepped network: build, tick (forward through the tick rings, scoring, the three backward modes),
// update.
#include "engine/stepnet/stepnet.hpp"

#include "engine/core/error.hpp"
#include "engine/core/kernels.hpp"
#include "engine/core/loss.hpp"
#include "engine/stepnet/stepnet_state.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <span>

namespace phasor {

namespace {
Init default_init(Activation f) {
    return (f == Activation::Relu || f == Activation::LeakyRelu) ? Init::He : Init::Xavier;
}

// Runs before any member that trusts the config (optimizer, queue, layers) is built.
const StepNetConfig& validated(const StepNetConfig& config, const Task& task) {
    validate(config, task);
    return config;
}

std::span<float> span_of(Vec& v) {
    return {v.data(), static_cast<std::size_t>(v.size())};
}
std::span<const float> span_of(const Vec& v) {
    return {v.data(), static_cast<std::size_t>(v.size())};
}

int argmax(const Vec& v) {
    Eigen::Index i;
    v.maxCoeff(&i);
    return static_cast<int>(i);
}
} // namespace

StepNet::StepNet(const StepNetConfig& config)
    : config_(config), task_(make_task(config.task, config.seed)), rng_(config.seed),
      optimizer_(make_optimizer(validated(config_, *task_).optimizer)), schedule_(config.schedule),
      queue_(config.delay_depth.value_or(static_cast<int>(config.layers.size()) - 2), kMaxDelayDepth),
      impl_(std::make_unique<Impl>()) {
    if (!config_.delay_depth) config_.delay_depth = static_cast<int>(config_.layers.size()) - 2;
    stream_ = std::make_unique<SampleStream>(*task_, config_.task.hold_ticks);

    const int n_layers = static_cast<int>(config_.layers.size()) - 1;
    // Pipelined mode reads layer l's forward from 2(L−1−l) ticks ago and its input from one tick before that.
    const int ring_depth = 2 * n_layers + 1;
    auto& s = *impl_;
    s.input_ring.assign(static_cast<std::size_t>(ring_depth), Vec::Zero(config_.layers[0]));
    s.input_labels.assign(static_cast<std::size_t>(ring_depth), 0);
    for (int l = 0; l < n_layers; ++l) {
        const int in = config_.layers[static_cast<std::size_t>(l)];
        const int out = config_.layers[static_cast<std::size_t>(l) + 1];
        const Activation f = config_.activations[static_cast<std::size_t>(l)];
        layers_.emplace_back(in, out, f);
        layers_.back().initialise(config_.init.value_or(default_init(f)), rng_);
        s.rings.emplace_back().resize(ring_depth, out);
        s.grad_w.push_back(Mat::Zero(out, in));
        s.grad_b.push_back(Vec::Zero(out));
        s.factors_w.push_back(Vec::Ones(static_cast<Eigen::Index>(in) * out));
        s.factors_b.push_back(Vec::Ones(out));
        s.delta.push_back(Vec::Zero(out));
        s.upstream.push_back(Vec::Zero(out));
        s.inbox.push_back({Vec::Zero(out), 0, false});
        s.outbox.push_back({Vec::Zero(out), 0, false});
        s.slot_w.push_back(optimizer_->add_tensor(static_cast<std::int64_t>(in) * out, /*decays=*/true));
        s.slot_b.push_back(optimizer_->add_tensor(out, /*decays=*/false));
        s.eval_z.push_back(Vec::Zero(out));
        s.eval_a.push_back(Vec::Zero(out));
    }
    s.out_grad = Vec::Zero(config_.layers.back());
    // After the buffers every tick works in, so that those stay as close together as they were before these
    // existed (interleaving them cost a few per cent of the tick rate).
    for (const DenseLayer& layer : layers_) {
        s.raw_w.push_back(Mat::Zero(layer.out(), layer.in()));
        s.raw_b.push_back(Vec::Zero(layer.out()));
        s.raw_delta.push_back(Vec::Zero(layer.out()));
        s.raw_x.push_back(Vec::Zero(layer.in()));
        s.raw_outer.push_back(0);
        // Sized whatever the batch, so that a batch set live needs no allocation.
        s.batch_w.push_back(Mat::Zero(layer.out(), layer.in()));
        s.batch_b.push_back(Vec::Zero(layer.out()));
        s.batched.push_back(0);
    }
    // The activation history's ring, sized once: at most kMaxHistoryNeurons per layer, evenly spaced.
    auto& h = s.history;
    h.ticks.assign(StepNetView::kHistoryColumns, 0);
    h.stride = history_stride(pace_);
    for (const DenseLayer& layer : layers_) {
        const auto size = static_cast<std::size_t>(layer.out());
        const std::size_t kept = std::min(size, StepNetView::kMaxHistoryNeurons);
        auto& neurons = h.neurons.emplace_back(kept);
        for (std::size_t i = 0; i < kept; ++i) neurons[i] = static_cast<int>(i * size / kept);
        h.columns.emplace_back(kept * StepNetView::kHistoryColumns, 0.f);
        h.effect.emplace_back(StepNetView::kHistoryColumns, 0.f);
        h.effect_bias.emplace_back(StepNetView::kHistoryColumns, 0.f);
    }
    evaluation_ = task_->eval_held_out()
                      ? std::string("held-out accuracy")
                      : fmt::format("accuracy on the {} training patterns", task_->eval_set().size());
    s.hits.assign(static_cast<std::size_t>(config_.rolling_window), 0);
    checkpoint();
}

StepNet::~StepNet() = default;

void StepNet::tick() {
    auto& s = *impl_;
    const auto t = static_cast<std::int64_t>(tick_);
    const int n_layers = layer_count();

    stream_->advance(rng_);
    const std::size_t now = s.rings[0].slot(t), prev = s.rings[0].slot(t - 1);
    s.input_ring[now] = stream_->input();
    s.input_labels[now] = stream_->label();

    // Every layer advances once from the previous tick's buffers, so a signal moves one layer per tick. The
    // layers do not depend on each other within a tick; the output goes first because scoring waits for it.
    for (int l = n_layers - 1; l >= 0; --l) {
        const Vec& in = l == 0 ? s.input_ring[now] : s.rings[static_cast<std::size_t>(l) - 1].a[prev];
        auto& ring = s.rings[static_cast<std::size_t>(l)];
        const DenseLayer& layer = layers_[static_cast<std::size_t>(l)];
        if (l == n_layers - 1 && layer.f == Activation::Softmax) {
            // Cross-entropy (the only loss softmax goes with) reuses the normaliser instead of recomputing
            // it.
            layer.linear(in, ring.z[now]);
            s.output_norm = softmax(ring.z[now], ring.a[now]);
        } else {
            layer.forward(in, ring.z[now], ring.a[now]);
        }
    }

    QueuedTarget scored;
    const bool is_scored = queue_.push({stream_->label(), tick_}, scored);
    s.scored_last_tick = is_scored;
    int label = -1;
    if (is_scored) {
        label = scored.label;
        s.last_scored = scored;
        s.has_scored = true;
        const auto& out = s.rings.back();
        const float loss = output_delta(out.z[now], out.a[now], label, s.delta.back());
        last_loss_ = loss;
        if (!std::isfinite(loss)) {
            diverged_ = true;
        } else {
            s.loss_sum += loss;
            ++s.loss_count;
            const std::uint8_t hit = argmax(out.a[now]) == label ? 1 : 0;
            s.hits_sum +=
                hit -
                (s.hits_count == config_.rolling_window ? s.hits[static_cast<std::size_t>(s.hits_head)] : 0);
            s.hits[static_cast<std::size_t>(s.hits_head)] = hit;
            s.hits_head = (s.hits_head + 1) % config_.rolling_window;
            if (s.hits_count < config_.rolling_window) ++s.hits_count;
            ++scored_;
        }
    }

    if (!diverged_) {
        switch (config_.backward) {
        case BackwardMode::Snapshot:
            if (is_scored) train_snapshot();
            break;
        case BackwardMode::Aligned:
            if (is_scored && t >= pipeline_lag()) train_aligned();
            break;
        case BackwardMode::Pipelined:
            train_pipelined(is_scored);
            break;
        }
        // Once per applied update of the output layer, which takes one gradient per scored tick.
        if (is_scored && ++s.scored_in_batch >= config_.batch) {
            schedule_.advance();
            s.scored_in_batch = 0;
        }
    }
    if ((tick_ & (s.history.stride - 1)) == 0) record_history(t); // the stride is a power of two
    ++tick_;
}

void StepNet::record_history(std::int64_t tick) {
    auto& s = *impl_;
    auto& h = s.history;
    const std::size_t now = s.rings[0].slot(tick);
    for (std::size_t l = 0; l < layers_.size(); ++l) {
        const Vec& a = s.rings[l].a[now];
        const auto& neurons = h.neurons[l];
        float* column = h.columns[l].data() + h.next * neurons.size();
        for (std::size_t i = 0; i < neurons.size(); ++i) column[i] = a[neurons[i]];
        // A column at most every tick shown slowly and every kFullSpeedStride at speed, so these norms over
        // the layer's gradients cost the tick rate nothing measurable.
        h.effect[l][h.next] = attention_effect_of(static_cast<int>(l), false);
        h.effect_bias[l][h.next] = attention_effect_of(static_cast<int>(l), true);
    }
    h.ticks[h.next] = static_cast<std::uint64_t>(tick);
    h.next = (h.next + 1) % StepNetView::kHistoryColumns;
    h.count = std::min(h.count + 1, StepNetView::kHistoryColumns);
}

float StepNet::output_delta(const Vec& z, const Vec& a, int label, Vec& delta) {
    auto& s = *impl_;
    if (config_.loss == Loss::CrossEntropy) return softmax_cross_entropy(z, a, s.output_norm, label, delta);
    const float loss = mse(a, label, s.out_grad);
    activation_backward(layers_.back().f, z, a, s.out_grad, delta);
    return loss;
}

// The document's cheap rule: every layer uses the input it consumed this tick and the error computed from the
// current buffers of the layers above, even when those hold a different sample (right after an input switch).
void StepNet::train_snapshot() {
    auto& s = *impl_;
    const auto t = static_cast<std::int64_t>(tick_);
    const std::size_t now = s.rings[0].slot(t), prev = s.rings[0].slot(t - 1);
    for (int l = layer_count() - 1; l >= 0; --l) {
        const auto li = static_cast<std::size_t>(l);
        if (l < layer_count() - 1) {
            const auto& ring = s.rings[li];
            activation_backward(layers_[li].f, ring.z[now], ring.a[now], s.upstream[li], s.delta[li]);
        }
        learn(l, l == 0 ? s.input_ring[now] : s.rings[li - 1].a[prev], l > 0 ? &s.upstream[li - 1] : nullptr);
    }
}

// Exact backprop for the scored sample: layer l's forward for it happened L−1−l ticks ago, so read that
// tick's buffers from the rings. The weights used are the current ones (the forward used slightly older
// ones).
void StepNet::train_aligned() {
    auto& s = *impl_;
    const auto t = static_cast<std::int64_t>(tick_);
    const int top = layer_count() - 1;
    for (int l = top; l >= 0; --l) {
        const auto li = static_cast<std::size_t>(l);
        const std::int64_t at = t - (top - l);
        const std::size_t here = s.rings[li].slot(at);
        if (l < top) {
            const auto& ring = s.rings[li];
            activation_backward(layers_[li].f, ring.z[here], ring.a[here], s.upstream[li], s.delta[li]);
        }
        const Vec& in = l == 0 ? s.input_ring[here] : s.rings[li - 1].a[s.rings[li].slot(at - 1)];
        learn(l, in, l > 0 ? &s.upstream[li - 1] : nullptr);
    }
}

// Each layer is an independent stage: it updates from its own stored forward and the message the layer above
// sent on the previous tick, then sends its own message down. The error reaches layer l 2(L−1−l) ticks after
// layer l computed the forward it belongs to; that gap is the stage's weight staleness.
void StepNet::train_pipelined(bool scored) {
    auto& s = *impl_;
    const auto t = static_cast<std::int64_t>(tick_);
    const int top = layer_count() - 1;
    for (auto& m : s.outbox) m.valid = false;
    for (int l = top; l >= 0; --l) {
        const auto li = static_cast<std::size_t>(l);
        std::int64_t at;
        if (l == top) {
            if (!scored) continue;
            at = t; // delta already holds the output error
        } else {
            if (!s.inbox[li].valid) continue;
            at = s.inbox[li].forward_tick;
            const auto& ring = s.rings[li];
            const std::size_t here = ring.slot(at);
            activation_backward(layers_[li].f, ring.z[here], ring.a[here], s.inbox[li].upstream, s.delta[li]);
        }
        const Vec& in =
            l == 0 ? s.input_ring[s.rings[li].slot(at)] : s.rings[li - 1].a[s.rings[li].slot(at - 1)];
        Vec* message = nullptr;
        if (l > 0) {
            message = &s.outbox[li - 1].upstream;
            s.outbox[li - 1].forward_tick = at - 1;
            s.outbox[li - 1].valid = true;
        }
        learn(l, in, message);
    }
    std::swap(s.inbox, s.outbox);
}

// One layer's step: the error for the layer below (from the weights before this update), the gradient from
// `in` and delta, and the update: gathered into the layer's batch until it holds train.batch gradients, then
// their mean plus the regularisation, re-weighted by gradient attention, goes to the optimizer. Each layer's
// update depends only on its own gradient, so a layer can update before the layers below have computed
// theirs.
void StepNet::learn(int l, const Vec& in, Vec* message) {
    auto& s = *impl_;
    const auto li = static_cast<std::size_t>(l);
    DenseLayer& layer = layers_[li];
    const Vec& delta = s.delta[li];
    if (message) layer.backward_input(delta, *message);
    const std::span<float> gw(s.grad_w[li].data(), static_cast<std::size_t>(s.grad_w[li].size()));
    const std::span<float> gb(s.grad_b[li].data(), static_cast<std::size_t>(s.grad_b[li].size()));
    const std::span<float> rw(s.raw_w[li].data(), gw.size());
    const std::span<float> rb(s.raw_b[li].data(), gb.size());
    const bool batching = config_.batch > 1 || s.batched[li] > 0;
    if (!batching && config_.l2 == 0.f && config_.l1 == 0.f) {
        // The plain update: one gradient, no regularisation (kept apart so that it stays as fast as it was).
        if (config_.attention) {
            outer_with_attention(span_of(delta), span_of(in), gw, span_of(s.factors_w[li]),
                                 config_.temperature);
            s.raw_delta[li] = delta;
            s.raw_x[li] = in;
            s.raw_outer[li] = 1;
            std::copy(delta.begin(), delta.end(), rb.begin());
            apply_gradient_attention(rb, gb, span_of(s.factors_b[li]), config_.temperature);
        } else {
            std::copy(delta.begin(), delta.end(), gb.begin()); // the bias gradient is delta itself
            kernels::outer(delta.data(), layer.out(), in.data(), layer.in(), gw.data());
        }
    } else {
        // The gradient before attention goes where attention reads it, or straight to the optimizer's.
        s.raw_outer[li] = 0;
        Mat& G = config_.attention ? s.raw_w[li] : s.grad_w[li];
        Vec& Gb = config_.attention ? s.raw_b[li] : s.grad_b[li];
        if (batching) {
            Mat& sum_w = s.batch_w[li];
            Vec& sum_b = s.batch_b[li];
            if (s.batched[li] == 0) {
                kernels::outer(delta.data(), layer.out(), in.data(), layer.in(), sum_w.data());
                sum_b = delta;
            } else {
                sum_w.noalias() += delta * in.transpose();
                sum_b += delta;
            }
            // A batch made smaller while it was being gathered is applied at its next gradient.
            if (++s.batched[li] < config_.batch) return;
            const float count = static_cast<float>(s.batched[li]);
            G = sum_w / count;
            Gb = sum_b / count;
            s.batched[li] = 0;
        } else {
            kernels::outer(delta.data(), layer.out(), in.data(), layer.in(), G.data());
            Gb = delta;
        }
        // The gradient of l2/2·‖W‖² + l1·‖W‖₁, on the weights as they are (no update since the batch began).
        if (config_.l2 != 0.f) G += config_.l2 * layer.W;
        if (config_.l1 != 0.f)
            G += config_.l1 *
                 layer.W.unaryExpr([](float w) { return static_cast<float>((w > 0.f) - (w < 0.f)); });
        if (config_.attention) {
            apply_gradient_attention(rw, gw, span_of(s.factors_w[li]), config_.temperature);
            apply_gradient_attention(rb, gb, span_of(s.factors_b[li]), config_.temperature);
        }
    }
    const float lr = schedule_.lr();
    optimizer_->update(s.slot_w[li], {layer.W.data(), gw.size()}, gw, lr);
    optimizer_->update(s.slot_b[li], {layer.b.data(), gb.size()}, gb, lr);
}

float StepNet::rolling_accuracy() const {
    const auto& s = *impl_;
    return s.hits_count == 0 ? 0.f : static_cast<float>(s.hits_sum) / static_cast<float>(s.hits_count);
}

int StepNet::staleness(int layer) const {
    const int above = layer_count() - 1 - layer;
    return config_.backward == BackwardMode::Pipelined ? 2 * above : 0;
}

std::uint64_t StepNet::history_bytes() const {
    // What the mode has to keep beyond the current buffers: for each layer, its (z, a) for every tick between
    // its forward and its update, and the input it consumed then.
    std::uint64_t floats = 0;
    for (int l = 0; l < layer_count(); ++l) {
        const auto li = static_cast<std::size_t>(l);
        const int above = layer_count() - 1 - l;
        const int keep = config_.backward == BackwardMode::Aligned     ? above
                         : config_.backward == BackwardMode::Pipelined ? 2 * above
                                                                       : 0;
        floats +=
            static_cast<std::uint64_t>(keep) *
            (2u * static_cast<std::uint64_t>(config_.layers[li + 1]) + (l == 0 ? config_.layers[0] : 0));
    }
    return floats * sizeof(float);
}

const Mat& StepNet::weight_gradient(int layer) const {
    return impl_->grad_w[static_cast<std::size_t>(layer)];
}
const Vec& StepNet::bias_gradient(int layer) const {
    return impl_->grad_b[static_cast<std::size_t>(layer)];
}

} // namespace phasor
