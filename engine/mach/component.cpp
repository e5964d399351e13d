// A decoupled component's step (see component.hpp).
#include "engine/mach/component.hpp"

#include "engine/batch/batch_source.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace phasor {

namespace {

std::vector<int> network_sizes(int in, const ComponentSpec& spec) {
    std::vector<int> sizes{in};
    sizes.insert(sizes.end(), spec.hidden.begin(), spec.hidden.end());
    sizes.push_back(spec.out);
    return sizes;
}

int input_width(const Dataset& train, const ComponentEdges& edges) {
    if (edges.spikes_from_children.empty()) return train.features;
    return std::accumulate(edges.child_widths.begin(), edges.child_widths.end(), 0);
}

// How wide the synthetic-input model's one hidden layer is.
constexpr int kSyntheticHidden = 64;

} // namespace

Component::Component(ComponentSpec spec, const Dataset& train, ComponentEdges edges)
    : spec_(std::move(spec)), train_(train), edges_(std::move(edges)), rng_(spec_.seed),
      net_(network_sizes(input_width(train, edges_), spec_), spec_.activation,
           spec_.head ? Activation::Softmax : spec_.activation, Init::He, rng_, spec_.batch),
      optimizer_(make_optimizer(spec_.optimizer)), order_(train.size(), spec_.seed + 1) {
    if (edges_.spikes_from_children.size() != edges_.child_widths.size() ||
        edges_.grads_to_children.size() != edges_.child_widths.size())
        throw std::invalid_argument("Component: one spike edge, grad edge and width per child");
    if (!spec_.head && (!edges_.spikes_to_parent || !edges_.grads_from_parent))
        throw std::invalid_argument("Component: a component that is not the head needs a parent");
    net_.attach(*optimizer_);
    for (int width : edges_.child_widths) {
        const std::vector<int> sizes{train.features, kSyntheticHidden, width};
        synthetic_.push_back(std::make_unique<BatchMlp>(sizes, Activation::Relu, Activation::Identity,
                                                        Init::He, rng_, spec_.batch));
        synthetic_optimizers_.push_back(make_optimizer(OptimizerSpec{.name = "adamw"}));
        synthetic_.back()->attach(*synthetic_optimizers_.back());
    }
    const int batch = spec_.batch;
    stash_.resize(static_cast<std::size_t>(std::max(1, spec_.stash)));
    for (Stashed& s : stash_) {
        s.input.resize(net_.in(), batch);
        s.ids.reserve(static_cast<std::size_t>(batch));
        s.child_steps.assign(edges_.child_widths.size(), -1);
        if (spec_.weight_stashing) s.weights.assign(net_.layers().begin(), net_.layers().end());
    }
    raw_.resize(train.features, batch);
    input_.resize(net_.in(), batch);
    probs_.resize(net_.out(), batch);
    dz_.resize(net_.out(), batch);
    for (int width : edges_.child_widths) synthetic_grad_.emplace_back(width, batch);
    ids_.reserve(static_cast<std::size_t>(batch));
    labels_.resize(static_cast<std::size_t>(batch));
    child_steps_.assign(edges_.child_widths.size(), -1);
    if (spec_.weight_stashing) current_weights_.assign(net_.layers().begin(), net_.layers().end());
}

void Component::restore(std::span<const BatchLayer> weights) {
    std::copy(weights.begin(), weights.end(), net_.layers().begin());
    optimizer_->clear_state();
    for (Stashed& s : stash_) s.valid = false;
}

void Component::update(float scale) {
    net_.step(*optimizer_, spec_.lr * scale);
    ++stats_.updates;
}

void Component::send_child_grads(const std::vector<std::int64_t>& child_steps,
                                 std::span<const std::uint32_t> ids) {
    const auto n = static_cast<Eigen::Index>(ids.size());
    const MatBlock dx = net_.input_grad();
    Eigen::Index row = 0;
    for (std::size_t c = 0; c < child_steps.size(); ++c) {
        const int width = edges_.child_widths[c];
        if (child_steps[c] >= 0) {
            out_.kind = MessageKind::Grad;
            out_.values = dx.block(row, 0, width, n);
            out_.ids.assign(ids.begin(), ids.end());
            out_.step = static_cast<std::uint64_t>(child_steps[c]);
            out_.merged = 1;
            edges_.grads_to_children[c]->send(out_);
        }
        row += width;
    }
}

void Component::apply_grads() {
    if (!edges_.grads_from_parent) return;
    while (edges_.grads_from_parent->receive(grad_in_)) {
        Stashed& s = stash_[grad_in_.step % stash_.size()];
        if (!s.valid || s.step != grad_in_.step || grad_in_.batch() != static_cast<int>(s.ids.size())) {
            ++stats_.grads_lost;
            continue;
        }
        const std::uint64_t k = stats_.updates - s.updates;
        const auto n = static_cast<Eigen::Index>(s.ids.size());
        const bool children =
            !edges_.child_widths.empty() &&
            std::any_of(s.child_steps.begin(), s.child_steps.end(), [](auto c) { return c >= 0; });
        if (spec_.weight_stashing) {
            // PipeDream's weight stashing: the gradient of the weights that produced the activation, applied
            // to the weights there are now.
            std::copy(net_.layers().begin(), net_.layers().end(), current_weights_.begin());
            std::copy(s.weights.begin(), s.weights.end(), net_.layers().begin());
        }
        net_.forward(s.input.leftCols(n));
        net_.backward_from_output(s.input.leftCols(n), grad_in_.values, children);
        if (spec_.weight_stashing)
            std::copy(current_weights_.begin(), current_weights_.end(), net_.layers().begin());
        update(1.f / (1.f + spec_.stale_shrink * static_cast<float>(k)));
        if (children) send_child_grads(s.child_steps, s.ids);
        s.valid = false;
        ++stats_.grads_applied;
        stats_.delay_sum += k;
        stats_.delay_max = std::max(stats_.delay_max, k);
        ++stats_.delay_histogram[std::min<std::size_t>(k, stats_.delay_histogram.size() - 1)];
    }
}

void Component::train_synthetic(std::size_t child, const Message& spike) {
    BatchMlp& model = *synthetic_[child];
    const auto n = static_cast<Eigen::Index>(spike.batch());
    const MatBlock guess = model.forward(raw_.leftCols(n));
    const float error = mean_squared_error(guess, spike.values, synthetic_grad_[child].leftCols(n));
    model.backward_from_output(raw_.leftCols(n), synthetic_grad_[child].leftCols(n), false);
    model.step(*synthetic_optimizers_[child], spec_.synthetic_lr);
    // Relative to the child's own output, so the error reads the same for any scale of activation.
    const float scale = 0.5f * spike.values.squaredNorm() / static_cast<float>(n);
    stats_.synthetic_error = scale > 0 ? error / scale : error;
}

bool Component::build_input() {
    std::fill(child_steps_.begin(), child_steps_.end(), -1);
    if (leaf()) {
        const auto ids = order_.next(static_cast<std::size_t>(spec_.batch));
        ids_.assign(ids.begin(), ids.end());
        gather(train_, ids_, input_, labels_);
        return true;
    }
    // The oldest waiting Spike of one child (taking children in turn) gives the batch; the others' parts are
    // their synthetic inputs for the same samples.
    std::optional<std::size_t> real;
    for (std::size_t i = 0; i < child_steps_.size() && !real; ++i) {
        const std::size_t c = (next_child_ + i) % child_steps_.size();
        if (edges_.spikes_from_children[c]->receive(spike_in_)) real = c;
    }
    next_child_ = (next_child_ + 1) % std::max<std::size_t>(1, child_steps_.size());
    if (real) {
        ids_.assign(spike_in_.ids.begin(), spike_in_.ids.end());
    } else {
        const auto ids = order_.next(static_cast<std::size_t>(spec_.batch));
        ids_.assign(ids.begin(), ids.end());
    }
    gather(train_, ids_, raw_, labels_);
    const auto n = static_cast<Eigen::Index>(ids_.size());
    Eigen::Index row = 0;
    for (std::size_t c = 0; c < child_steps_.size(); ++c) {
        const int width = edges_.child_widths[c];
        if (real && *real == c) {
            input_.block(row, 0, width, n) = spike_in_.values;
            child_steps_[c] = static_cast<std::int64_t>(spike_in_.step);
            train_synthetic(c, spike_in_);
        } else {
            input_.block(row, 0, width, n) = synthetic_[c]->forward(raw_.leftCols(n));
        }
        row += width;
    }
    return real.has_value();
}

void Component::step() {
    apply_grads();
    const bool real = build_input();
    ++(real ? stats_.real_batches : stats_.synthetic_batches);
    const auto n = static_cast<Eigen::Index>(ids_.size());
    const MatBlock output = net_.forward(input_.leftCols(n));
    if (spec_.head) {
        stats_.loss = softmax_cross_entropy(net_.logits(), std::span(labels_).first(ids_.size()),
                                            probs_.leftCols(n), dz_.leftCols(n));
        const bool children = real && !leaf();
        net_.backward(input_.leftCols(n), dz_.leftCols(n), children);
        update(1.f);
        if (children) send_child_grads(child_steps_, ids_);
    } else {
        Stashed& s = stash_[step_ % stash_.size()];
        s.step = step_;
        s.updates = stats_.updates;
        s.valid = true;
        s.input.leftCols(n) = input_.leftCols(n);
        s.ids.assign(ids_.begin(), ids_.end());
        s.child_steps = child_steps_;
        if (spec_.weight_stashing) std::copy(net_.layers().begin(), net_.layers().end(), s.weights.begin());
        out_.kind = MessageKind::Spike;
        out_.values = output;
        out_.ids.assign(ids_.begin(), ids_.end());
        out_.step = step_;
        out_.merged = 1;
        edges_.spikes_to_parent->send(out_);
    }
    ++step_;
    ++stats_.steps;
}

} // namespace phasor
