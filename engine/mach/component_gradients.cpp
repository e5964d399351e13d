// A decoupled component's side of the backward pass (see component.hpp): the Grads its parents send back,
// applied k steps late (with the weights that produced the activation when stashing), or, under DNI, used
// only to train the synthetic-gradient model that already stood in for them.
#include "engine/batch/batch_source.hpp"
#include "engine/mach/component.hpp"

#include <algorithm>

namespace phasor {

void Component::record_applied(int parent, const CMatRef& values, std::span<const std::uint32_t> ids) {
    applied_.valid = true;
    applied_.parent = parent;
    applied_.values.leftCols(values.cols()) = values;
    applied_.ids.assign(ids.begin(), ids.end());
}

void Component::apply_grad(std::size_t parent, Stashed& s) {
    const auto n = static_cast<Eigen::Index>(s.ids.size());
    const bool children = !spec_.readout && std::any_of(s.child_steps.begin(), s.child_steps.end(),
                                                        [](std::int64_t c) { return c >= 0; });
    if (reads_images()) gather(train_, s.ids, raw_, labels_);
    const auto X = reads_images() ? raw_.leftCols(n) : s.input.leftCols(n);
    if (spec_.weight_stashing) {
        // PipeDream's weight stashing: the gradient of the weights that produced the activation, applied to
        // the weights there are now.
        std::copy(net_.layers().begin(), net_.layers().end(), current_weights_.begin());
        std::copy(s.weights.begin(), s.weights.end(), net_.layers().begin());
    }
    // A k-graph component hears from every other: their gradients join its own loss's in its next update,
    // rather than each taking a full step of its own (an adaptive optimizer would make every one as large).
    if (spec_.readout) net_.set_accumulate(pending_grads_ > 0);
    net_.forward(X);
    net_.backward_from_output(X, grad_in_.batch_values(), children);
    net_.set_accumulate(false);
    if (spec_.weight_stashing)
        std::copy(current_weights_.begin(), current_weights_.end(), net_.layers().begin());
    if (spec_.readout) {
        ++pending_grads_;
    } else {
        // Stale by the updates its weights took since the activation (k counts steps, some of which update
        // nothing).
        const auto stale = static_cast<float>(stats_.updates - s.updates);
        update(1.f / (1.f + spec_.stale_shrink * stale));
    }
    if (children) send_child_grads(net_.input_grad(), 0, s.child_steps, s.ids);
    record_applied(static_cast<int>(parent), grad_in_.batch_values(), s.ids);
}

void Component::train_synthetic_gradient(const Stashed& s) {
    const auto n = static_cast<Eigen::Index>(s.ids.size());
    sg_in_.topRows(spec_.out).leftCols(n) = s.output.leftCols(n);
    if (spec_.synthetic_gradient == SyntheticGradient::Conditioned) {
        auto onehot = sg_in_.bottomRows(train_.classes).leftCols(n);
        onehot.setZero();
        for (Eigen::Index c = 0; c < n; ++c) onehot(s.labels[static_cast<std::size_t>(c)], c) = 1.f;
    }
    const MatBlock guess = synthetic_gradient_->forward(sg_in_.leftCols(n));
    mean_squared_error(guess, grad_in_.batch_values(), sg_grad_.leftCols(n));
    synthetic_gradient_->backward_from_output(sg_in_.leftCols(n), sg_grad_.leftCols(n), false);
    synthetic_gradient_->step(*synthetic_gradient_optimizer_, spec_.synthetic_lr);
}

void Component::apply_grads() {
    for (std::size_t p = 0; p < edges_.grads_from_parents.size(); ++p) {
        while (edges_.grads_from_parents[p]->receive(grad_in_)) {
            Stashed& s = stash_[grad_in_.step % stash_.size()];
            const std::uint64_t k = step_ - grad_in_.step;
            mark(edges_.parents[p], true, grad_in_, static_cast<int>(std::min<std::uint64_t>(k, INT32_MAX)));
            if (s.pending <= 0 || s.step != grad_in_.step ||
                grad_in_.batch() != static_cast<int>(s.ids.size())) {
                ++stats_.grads_lost;
                continue;
            }
            if (synthetic_gradient_)
                train_synthetic_gradient(s);
            else
                apply_grad(p, s);
            --s.pending;
            ++stats_.grads_applied;
            stats_.delay_sum += k;
            stats_.delay_max = std::max(stats_.delay_max, k);
            auto& bins = stats_.delay_histogram[p];
            ++bins[std::min<std::size_t>(k, bins.size() - 1)];
            stats_.delay_sum_by_parent[p] += k;
            ++stats_.grads_by_parent[p];
        }
    }
}

} // namespace phasor
