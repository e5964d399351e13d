// A decoupled component's step (see component.hpp): building its input, training on it, and sending.
// Gradients that come back are applied in component_gradients.cpp.
#include "engine/mach/component.hpp"

#include "engine/batch/batch_source.hpp"

#include <algorithm>
#include <numeric>
#include <optional>
#include <stdexcept>

namespace phasor {

namespace {

std::vector<int> network_sizes(int in, const ComponentSpec& spec) {
    std::vector<int> sizes{in};
    sizes.insert(sizes.end(), spec.hidden.begin(), spec.hidden.end());
    sizes.push_back(spec.out);
    return sizes;
}

int children_width(const ComponentEdges& edges) {
    return std::accumulate(edges.child_widths.begin(), edges.child_widths.end(), 0);
}

int input_width(const Dataset& train, const ComponentEdges& edges, const ComponentSpec& spec) {
    return edges.spikes_from_children.empty() || spec.readout ? train.features : children_width(edges);
}

// How wide the synthetic models' (inputs, gradients, the student) one hidden layer is.
constexpr int kSyntheticHidden = 64;

} // namespace

Component::Component(ComponentSpec spec, const Dataset& train, ComponentEdges edges)
    : spec_(std::move(spec)), train_(train), edges_(std::move(edges)), rng_(spec_.seed),
      net_(network_sizes(input_width(train, edges_, spec_), spec_), spec_.activation,
           spec_.head && !spec_.readout ? Activation::Softmax : spec_.activation, Init::He, rng_,
           spec_.batch),
      optimizer_(make_optimizer(spec_.optimizer)), order_(train.size(), spec_.seed + 1) {
    const std::size_t children = edges_.child_widths.size();
    if (edges_.spikes_from_children.size() != children || edges_.grads_to_children.size() != children ||
        edges_.children.size() != children)
        throw std::invalid_argument("Component: one spike edge, grad edge, width and index per child");
    if (edges_.spikes_to_parents.size() != edges_.parents.size() ||
        edges_.grads_from_parents.size() != edges_.parents.size())
        throw std::invalid_argument("Component: one spike edge, grad edge and index per parent");
    if (!has_loss() && edges_.parents.empty())
        throw std::invalid_argument("Component: a component without a loss needs a parent");
    const int batch = spec_.batch;
    net_.attach(*optimizer_);
    auto side_model = [&](std::vector<int> sizes, std::unique_ptr<Optimizer>& optimizer) {
        auto model =
            std::make_unique<BatchMlp>(sizes, Activation::Relu, Activation::Identity, Init::He, rng_, batch);
        optimizer = make_optimizer(OptimizerSpec{.name = "adamw"});
        model->attach(*optimizer);
        return model;
    };
    for (int width : edges_.child_widths) {
        synthetic_optimizers_.emplace_back();
        synthetic_.push_back(
            side_model({train.features, kSyntheticHidden, width}, synthetic_optimizers_.back()));
        synthetic_grad_.emplace_back(width, batch);
    }
    if (spec_.readout) {
        const std::vector<int> sizes{spec_.out + children_width(edges_), train.classes};
        readout_ =
            std::make_unique<BatchMlp>(sizes, Activation::Relu, Activation::Softmax, Init::He, rng_, batch);
        readout_optimizer_ = make_optimizer(spec_.optimizer);
        readout_->attach(*readout_optimizer_);
        join_.resize(sizes.front(), batch);
    }
    if (spec_.distill) {
        student_ = side_model({train.features, kSyntheticHidden, net_.out()}, student_optimizer_);
        student_grad_.resize(net_.out(), batch);
    }
    if (spec_.synthetic_gradient != SyntheticGradient::None) {
        const int in =
            spec_.out + (spec_.synthetic_gradient == SyntheticGradient::Conditioned ? train.classes : 0);
        synthetic_gradient_ = side_model({in, 2 * spec_.out, spec_.out}, synthetic_gradient_optimizer_);
        // DNI starts its gradient models at zero, so a component is not pushed about before they have learnt.
        synthetic_gradient_->layers().back().W.setZero();
        sg_in_.resize(in, batch);
        sg_grad_.resize(spec_.out, batch);
    }
    stash_.resize(static_cast<std::size_t>(std::max(1, spec_.stash)));
    for (Stashed& s : stash_) {
        if (!reads_images()) s.input.resize(net_.in(), batch);
        if (synthetic_gradient_) s.output.resize(spec_.out, batch);
        s.ids.reserve(static_cast<std::size_t>(batch));
        s.labels.reserve(static_cast<std::size_t>(batch));
        s.child_steps.assign(children, -1);
        if (spec_.weight_stashing) s.weights.assign(net_.layers().begin(), net_.layers().end());
    }
    raw_.resize(train.features, batch);
    if (!reads_images()) input_.resize(net_.in(), batch);
    probs_.resize(train.classes, batch);
    dz_.resize(train.classes, batch);
    ids_.reserve(static_cast<std::size_t>(batch));
    labels_.resize(static_cast<std::size_t>(batch));
    child_steps_.assign(children, -1);
    child_running_.assign(children, 1);
    const std::size_t parents = edges_.parents.size();
    stats_.delay_histogram.assign(parents, std::vector<std::uint32_t>(MachView::kDelayBins));
    stats_.delay_sum_by_parent.assign(parents, 0);
    stats_.grads_by_parent.assign(parents, 0);
    marks_.resize(kMarks);
    applied_.values.resize(spec_.out, batch);
    spike_out_.values.resize(spec_.out, batch);
    spike_out_.ids.reserve(static_cast<std::size_t>(batch));
    for (int width : edges_.child_widths) {
        grads_out_.emplace_back();
        grads_out_.back().values.resize(width, batch);
        grads_out_.back().ids.reserve(static_cast<std::size_t>(batch));
    }
    applied_.ids.reserve(static_cast<std::size_t>(batch));
    if (spec_.weight_stashing) current_weights_.assign(net_.layers().begin(), net_.layers().end());
}

void Component::save(std::vector<BatchLayer>& into) const {
    const std::size_t own = net_.layers().size();
    into.resize(own + (readout_ ? readout_->layers().size() : 0));
    std::copy(net_.layers().begin(), net_.layers().end(), into.begin());
    if (readout_) std::copy(readout_->layers().begin(), readout_->layers().end(), into.begin() + own);
}

bool Component::finite() const {
    auto layers_finite = [](std::span<const BatchLayer> layers) {
        return std::all_of(layers.begin(), layers.end(),
                           [](const BatchLayer& l) { return l.W.allFinite() && l.b.allFinite(); });
    };
    return layers_finite(net_.layers()) && (!readout_ || layers_finite(readout_->layers()));
}

void Component::restore(std::span<const BatchLayer> weights) {
    const std::size_t own = net_.layers().size();
    std::copy(weights.begin(), weights.begin() + static_cast<std::ptrdiff_t>(own), net_.layers().begin());
    optimizer_->clear_state();
    if (readout_) {
        std::copy(weights.begin() + static_cast<std::ptrdiff_t>(own), weights.end(),
                  readout_->layers().begin());
        readout_optimizer_->clear_state();
    }
    for (Stashed& s : stash_) s.pending = 0;
    pending_grads_ = 0; // what its parents sent answered the weights that are gone
    applied_.valid = false;
}

void Component::update(float scale) {
    net_.step(*optimizer_, spec_.lr * scale);
    ++stats_.updates;
}

void Component::mark(int from, bool grad, const Message& m, int delay) {
    const auto now = std::chrono::steady_clock::now();
    MachMark& k = marks_[marks_written_ % marks_.size()];
    k.component = spec_.index;
    k.from = from;
    k.grad = grad;
    k.time = std::chrono::duration<double>(now - spec_.start).count();
    k.age = m.sent == std::chrono::steady_clock::time_point{}
                ? 0.f
                : static_cast<float>(std::chrono::duration<double>(now - m.sent).count());
    k.delay = delay;
    ++marks_written_;
}

void Component::send_child_grads(const MatBlock& dx, Eigen::Index first_row,
                                 std::span<const std::int64_t> child_steps,
                                 std::span<const std::uint32_t> ids) {
    const auto n = static_cast<Eigen::Index>(ids.size());
    Eigen::Index row = first_row;
    for (std::size_t c = 0; c < child_steps.size(); ++c) {
        const int width = edges_.child_widths[c];
        if (child_steps[c] >= 0) {
            Message& out = grads_out_[c];
            out.kind = MessageKind::Grad;
            out.values.leftCols(n) = dx.block(row, 0, width, n);
            out.ids.assign(ids.begin(), ids.end());
            out.step = static_cast<std::uint64_t>(child_steps[c]);
            out.merged = 1;
            edges_.grads_to_children[c]->send(out);
        }
        row += width;
    }
}

void Component::train_synthetic(std::size_t child, const Message& spike) {
    BatchMlp& model = *synthetic_[child];
    const auto n = static_cast<Eigen::Index>(spike.batch());
    const MatBlock guess = model.forward(raw_.leftCols(n));
    const float error = mean_squared_error(guess, spike.batch_values(), synthetic_grad_[child].leftCols(n));
    model.backward_from_output(raw_.leftCols(n), synthetic_grad_[child].leftCols(n), false);
    model.step(*synthetic_optimizers_[child], spec_.synthetic_lr);
    // Relative to the child's own output, so the error reads the same for any scale of activation.
    const float scale = 0.5f * spike.batch_values().squaredNorm() / static_cast<float>(n);
    stats_.synthetic_error = scale > 0 ? error / scale : error;
}

Component::Input Component::build_input() {
    std::fill(child_steps_.begin(), child_steps_.end(), -1);
    if (edges_.spikes_from_children.empty()) {
        const auto ids = order_.next(static_cast<std::size_t>(spec_.batch));
        ids_.assign(ids.begin(), ids.end());
        gather(train_, ids_, raw_, labels_);
        return Input::Real;
    }
    // The oldest waiting Spike of one child (taking children in turn) gives the batch; the others' parts are
    // their synthetic inputs for the same samples.
    const std::size_t children = child_steps_.size();
    std::optional<std::size_t> real;
    for (std::size_t i = 0; i < children && !real; ++i) {
        const std::size_t c = (next_child_ + i) % children;
        if (edges_.spikes_from_children[c]->receive(spike_in_)) real = c;
    }
    if (!real && spec_.wait_for_input && child_running_[0]) {
        // The forward lock: nothing to do until the child sends, unless the release ends first.
        if (!edges_.spikes_from_children[0]->receive_wait(spike_in_)) return Input::Idle;
        real = 0;
    }
    if (real) mark(edges_.children[*real], false, spike_in_, 0);
    next_child_ = (next_child_ + 1) % children;
    own_batch_ = !real;
    if (real) {
        ids_.assign(spike_in_.ids.begin(), spike_in_.ids.end());
    } else {
        const auto ids = order_.next(static_cast<std::size_t>(spec_.batch));
        ids_.assign(ids.begin(), ids.end());
    }
    gather(train_, ids_, raw_, labels_);
    const auto n = static_cast<Eigen::Index>(ids_.size());
    Mat& target = spec_.readout ? join_ : input_;
    Eigen::Index row = spec_.readout ? spec_.out : 0;
    bool any_real = false;
    for (std::size_t c = 0; c < children; ++c) {
        const int width = edges_.child_widths[c];
        bool use_real = false;
        if (real && *real == c) {
            train_synthetic(c, spike_in_);
            // The mix replaces some real inputs by synthetic ones (drawn only when set, so a run without it
            // draws nothing).
            use_real = spec_.synthetic_mix <= 0.f || rng_.uniform() >= spec_.synthetic_mix;
        }
        if (use_real) {
            target.block(row, 0, width, n) = spike_in_.batch_values();
            child_steps_[c] = static_cast<std::int64_t>(spike_in_.step);
            any_real = true;
        } else {
            target.block(row, 0, width, n) = synthetic_[c]->forward(raw_.leftCols(n));
        }
        row += width;
    }
    return any_real ? Input::Real : Input::Synthetic;
}

void Component::send_to_parents(const MatBlock& output) {
    const auto n = static_cast<Eigen::Index>(ids_.size());
    Stashed& s = stash_[step_ % stash_.size()];
    s.step = step_;
    s.updates = stats_.updates;
    s.pending = static_cast<int>(edges_.parents.size());
    if (!reads_images()) s.input.leftCols(n) = input_.leftCols(n);
    if (synthetic_gradient_) s.output.leftCols(n) = output;
    s.ids.assign(ids_.begin(), ids_.end());
    s.labels.assign(labels_.begin(), labels_.begin() + n);
    // A readout's output depends on the images alone: gradients for it go no further.
    if (spec_.readout)
        std::fill(s.child_steps.begin(), s.child_steps.end(), -1);
    else
        std::copy(child_steps_.begin(), child_steps_.end(), s.child_steps.begin());
    if (spec_.weight_stashing) std::copy(net_.layers().begin(), net_.layers().end(), s.weights.begin());
    spike_out_.kind = MessageKind::Spike;
    spike_out_.values.leftCols(n) = output;
    spike_out_.ids.assign(ids_.begin(), ids_.end());
    spike_out_.step = step_;
    spike_out_.merged = 1;
    for (EdgeQueue* parent : edges_.spikes_to_parents) parent->send(spike_out_);
}

void Component::train_student() {
    const auto n = static_cast<Eigen::Index>(ids_.size());
    const MatBlock guess = student_->forward(raw_.leftCols(n));
    mean_squared_error(guess, net_.logits(), student_grad_.leftCols(n));
    student_->backward_from_output(raw_.leftCols(n), student_grad_.leftCols(n), false);
    student_->step(*student_optimizer_, spec_.synthetic_lr);
}

void Component::step_head(Input input) {
    const auto n = static_cast<Eigen::Index>(ids_.size());
    const auto X = net_input().leftCols(n);
    net_.forward(X);
    stats_.loss = softmax_cross_entropy(net_.logits(), std::span(labels_).first(ids_.size()),
                                        probs_.leftCols(n), dz_.leftCols(n));
    const bool children = input == Input::Real && !reads_images();
    net_.backward(X, dz_.leftCols(n), children);
    update(1.f);
    if (children) send_child_grads(net_.input_grad(), 0, child_steps_, ids_);
    if (student_) train_student();
}

void Component::step_readout(Input input) {
    const auto n = static_cast<Eigen::Index>(ids_.size());
    const MatBlock output = net_.forward(raw_.leftCols(n));
    if (own_batch_) send_to_parents(output);
    join_.topRows(spec_.out).leftCols(n) = output;
    readout_->forward(join_.leftCols(n));
    stats_.loss = softmax_cross_entropy(readout_->logits(), std::span(labels_).first(ids_.size()),
                                        probs_.leftCols(n), dz_.leftCols(n));
    readout_->backward(join_.leftCols(n), dz_.leftCols(n), true);
    const MatBlock djoin = readout_->input_grad();
    net_.set_accumulate(pending_grads_ > 0);
    net_.backward_from_output(raw_.leftCols(n), djoin.topRows(spec_.out), false);
    net_.set_accumulate(false);
    pending_grads_ = 0;
    update(1.f);
    readout_->step(*readout_optimizer_, spec_.lr);
    if (input == Input::Real) send_child_grads(djoin, spec_.out, child_steps_, ids_);
    if (!own_batch_) {
        // The batch was a child's: what goes to the parents is a batch of its own order, or the same samples
        // would circle the graph for ever (each component passing on the ids it was given).
        const auto ids = order_.next(static_cast<std::size_t>(spec_.batch));
        ids_.assign(ids.begin(), ids.end());
        gather(train_, ids_, raw_, labels_);
        send_to_parents(net_.forward(raw_.leftCols(static_cast<Eigen::Index>(ids_.size()))));
    }
}

void Component::apply_synthetic_gradient(const MatBlock& output, Input input) {
    const auto n = static_cast<Eigen::Index>(ids_.size());
    sg_in_.topRows(spec_.out).leftCols(n) = output;
    if (spec_.synthetic_gradient == SyntheticGradient::Conditioned) {
        auto onehot = sg_in_.bottomRows(train_.classes).leftCols(n);
        onehot.setZero();
        for (Eigen::Index c = 0; c < n; ++c) onehot(labels_[static_cast<std::size_t>(c)], c) = 1.f;
    }
    const MatBlock guess = synthetic_gradient_->forward(sg_in_.leftCols(n));
    const bool children = input == Input::Real && !reads_images();
    const auto X = net_input().leftCols(n);
    net_.backward_from_output(X, guess, children);
    update(1.f);
    if (children) send_child_grads(net_.input_grad(), 0, child_steps_, ids_);
    record_applied(0, guess, ids_);
}

void Component::step() {
    apply_grads();
    const Input input = build_input();
    if (input == Input::Idle) {
        ++stats_.idle;
        return;
    }
    ++(input == Input::Real ? stats_.real_batches : stats_.synthetic_batches);
    if (spec_.readout) {
        step_readout(input);
    } else if (spec_.head) {
        step_head(input);
    } else {
        const auto n = static_cast<Eigen::Index>(ids_.size());
        const MatBlock output = net_.forward(net_input().leftCols(n));
        send_to_parents(output);
        if (synthetic_gradient_) apply_synthetic_gradient(output, input);
    }
    ++step_;
    ++stats_.steps;
}

} // namespace phasor
