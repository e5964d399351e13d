// Filling the decoupled components' snapshot (see mach_net.hpp and mach_view.hpp): the headline figures, the
// per-component report for `phasor run --json`, and the view the panels draw: graph, rates, histories,
// message marks. Allocates nothing once the view has grown to the model.
#include "engine/mach/mach_net.hpp"

#include <algorithm>
#include <cmath>

namespace phasor {

namespace {

// The smallest k with at least `share` of the gradients at most k late (the last bin: that many or more).
int delay_quantile(std::span<const std::vector<std::uint32_t>> histograms, std::uint64_t applied,
                   double share) {
    if (applied == 0) return 0;
    const double want = share * static_cast<double>(applied);
    double seen = 0;
    for (std::size_t k = 0; k < MachView::kDelayBins; ++k) {
        for (const auto& h : histograms) seen += h[k];
        if (seen >= want) return static_cast<int>(k);
    }
    return MachView::kDelayBins - 1;
}

float mean_of(std::uint64_t sum, std::uint64_t count) {
    return count ? static_cast<float>(static_cast<double>(sum) / static_cast<double>(count)) : 0.f;
}

template <class T> void thin_if_full(std::vector<T>& points) {
    if (points.size() < MachView::kHistory) return;
    // Every other point goes, so the whole run stays in view at half the resolution.
    std::size_t kept = 0;
    for (std::size_t i = 0; i < points.size(); i += 2) points[kept++] = points[i];
    points.resize(kept);
}

} // namespace

void MachNet::record_history() {
    thin_if_full(history_.tick);
    history_.tick.push_back(ticks_);
    for (std::size_t i = 0; i < components_.size(); ++i) {
        const Component& c = *components_[i];
        const std::pair<std::vector<float>*, float> points[] = {
            {&history_.accuracy[i], node_accuracy_[i].first},
            {&history_.accuracy_synthetic[i], node_accuracy_[i].second},
            {&history_.synthetic_error[i], c.edges().children.empty() ? NAN : c.stats().synthetic_error},
            {&history_.gradient_cosine[i], node_cosine_[i]}};
        for (const auto& [series, value] : points) {
            thin_if_full(*series);
            series->push_back(value);
        }
    }
}

void MachNet::fill(Snapshot& snapshot) {
    // The whole test set takes a tenth of a second: scored for the first snapshot (a headless run's only
    // one), when the run stands still, and at most once a second while it runs.
    const auto now = std::chrono::steady_clock::now();
    if (eval_tick_ != ticks_ && (last_fill_tick_ == UINT64_MAX || last_fill_tick_ == ticks_ ||
                                 now - eval_time_ >= std::chrono::seconds(1))) {
        std::tie(accuracy_, accuracy_synthetic_) = test_accuracy();
        eval_tick_ = ticks_;
        eval_time_ = now;
    }
    last_fill_tick_ = ticks_;
    const Component& head = *components_[headline_];
    const double epochs = static_cast<double>(head.stats().real_batches + head.stats().synthetic_batches) *
                          config_.batch / static_cast<double>(data_->train.size());
    snapshot.headline = {accuracy_, accuracy_synthetic_, head.stats().loss, static_cast<float>(epochs)};
    snapshot.class_names = data_->class_names;
    snapshot.eval.name = eval_name_;
    snapshot.eval.held_out = true;
    snapshot.eval.accuracy = accuracy_;
    snapshot.parts.resize(components_.size());
    for (std::size_t i = 0; i < components_.size(); ++i) {
        const ComponentStats& st = components_[i]->stats();
        PartFigures& part = snapshot.parts[i];
        part.name = components_[i]->spec().name;
        std::uint64_t drops = 0;
        for (const auto& e : edges_)
            if (e->parent == static_cast<int>(i)) drops += e->spikes.counts().dropped;
        // Written in place, so a snapshot filled again allocates nothing.
        const std::pair<const char*, double> figures[] = {
            {"steps", static_cast<double>(st.steps)},
            {"idle_steps", static_cast<double>(st.idle)},
            {"real_batches", static_cast<double>(st.real_batches)},
            {"synthetic_batches", static_cast<double>(st.synthetic_batches)},
            {"gradients_applied", static_cast<double>(st.grads_applied)},
            {"gradients_lost", static_cast<double>(st.grads_lost)},
            {"delay_mean", mean_of(st.delay_sum, st.grads_applied)},
            {"delay_p95", static_cast<double>(delay_quantile(st.delay_histogram, st.grads_applied, 0.95))},
            {"delay_max", static_cast<double>(st.delay_max)},
            {"queue_drops", static_cast<double>(drops)},
            {"test_accuracy", node_accuracy_[i].first},
            {"test_accuracy_synthetic", node_accuracy_[i].second}};
        part.figures.resize(std::size(figures));
        for (std::size_t f = 0; f < std::size(figures); ++f) {
            part.figures[f].first = figures[f].first;
            part.figures[f].second = figures[f].second;
        }
    }
    if (auto* view = snapshot.payload_as<MachView>()) fill_view(*view);
}

void MachNet::fill_view(MachView& view) {
    const auto now = std::chrono::steady_clock::now();
    const double since = std::chrono::duration<double>(now - rate_time_).count();
    const bool new_rates = since >= 1.0;
    view.topology = to_string(config_.topology);
    view.nodes.resize(components_.size());
    for (std::size_t i = 0; i < components_.size(); ++i) {
        const Component& c = *components_[i];
        const ComponentStats& st = c.stats();
        if (new_rates) {
            steps_per_second_[i] = static_cast<float>(static_cast<double>(st.steps - rate_steps_[i]) / since);
            rate_steps_[i] = st.steps;
        }
        MachNodeView& v = view.nodes[i];
        v.name = c.spec().name;
        v.state = states_[i];
        v.has_loss = c.has_loss();
        v.steps = st.steps;
        v.updates = st.updates;
        v.steps_per_second = steps_per_second_[i];
        v.speed_cap = i < config_.speed_caps.size() ? static_cast<float>(config_.speed_caps[i]) : 0.f;
        v.real_batches = st.real_batches;
        v.synthetic_batches = st.synthetic_batches;
        v.accuracy = node_accuracy_[i].first;
        v.accuracy_synthetic = node_accuracy_[i].second;
        v.loss = c.has_loss() ? st.loss : NAN;
        v.synthetic_error = c.edges().children.empty() ? NAN : st.synthetic_error;
        v.gradient_cosine = node_cosine_[i];
        v.grads_applied = st.grads_applied;
        v.grads_lost = st.grads_lost;
        v.delay_mean = mean_of(st.delay_sum, st.grads_applied);
        v.delay_p95 = delay_quantile(st.delay_histogram, st.grads_applied, 0.95);
        v.delay_max = static_cast<int>(std::min<std::uint64_t>(st.delay_max, INT32_MAX));
    }
    view.edges.resize(edges_.size());
    for (std::size_t e = 0; e < edges_.size(); ++e) {
        const Edge& edge = *edges_[e];
        const EdgeCounts spikes = edge.spikes.counts(), grads = edge.grads.counts();
        if (new_rates) {
            spike_rate_[e] = static_cast<float>(static_cast<double>(spikes.sent - rate_spikes_[e]) / since);
            grad_rate_[e] = static_cast<float>(static_cast<double>(grads.sent - rate_grads_[e]) / since);
            rate_spikes_[e] = spikes.sent;
            rate_grads_[e] = grads.sent;
        }
        MachEdgeView& v = view.edges[e];
        v.child = edge.child;
        v.parent = edge.parent;
        v.spikes_queued = edge.spikes.size();
        v.grads_queued = edge.grads.size();
        v.capacity = edge.spikes.capacity();
        v.spikes_sent = spikes.sent;
        v.spikes_dropped = spikes.dropped;
        v.grads_sent = grads.sent;
        v.grads_dropped = grads.dropped;
        v.spikes_received = spikes.received;
        v.spikes_merged = spikes.merged;
        v.grads_received = grads.received;
        v.grads_merged = grads.merged;
        v.spike_rate = spike_rate_[e];
        v.grad_rate = grad_rate_[e];
        // The child's figures for gradients from this parent.
        const Component& child = *components_[static_cast<std::size_t>(edge.child)];
        const auto& parents = child.edges().parents;
        const auto p = static_cast<std::size_t>(std::find(parents.begin(), parents.end(), edge.parent) -
                                                parents.begin());
        const ComponentStats& st = child.stats();
        v.delay_mean = mean_of(st.delay_sum_by_parent[p], st.grads_by_parent[p]);
        v.delay_histogram.assign(st.delay_histogram[p].begin(), st.delay_histogram[p].end());
    }
    if (new_rates) rate_time_ = now;
    const Component& head = *components_[headline_];
    view.headline = static_cast<int>(headline_);
    view.accuracy = accuracy_;
    view.accuracy_synthetic = accuracy_synthetic_;
    view.epochs = static_cast<double>(head.stats().real_batches + head.stats().synthetic_batches) *
                  config_.batch / static_cast<double>(data_->train.size());
    view.time = std::chrono::duration<double>(now - start_).count();
    view.history.tick.assign(history_.tick.begin(), history_.tick.end());
    // Reserved whole the first time, so the histories and marks grow without allocating.
    view.history.tick.reserve(MachView::kHistory);
    view.marks.reserve(MachView::kMarks);
    auto copy = [](std::vector<std::vector<float>>& into, const std::vector<std::vector<float>>& from) {
        into.resize(from.size());
        for (std::size_t i = 0; i < from.size(); ++i) {
            into[i].reserve(MachView::kHistory);
            into[i].assign(from[i].begin(), from[i].end());
        }
    };
    copy(view.history.accuracy, history_.accuracy);
    copy(view.history.accuracy_synthetic, history_.accuracy_synthetic);
    copy(view.history.synthetic_error, history_.synthetic_error);
    copy(view.history.gradient_cosine, history_.gradient_cosine);
    // The latest messages of all components, in the order they were received.
    marks_scratch_.clear();
    for (const auto& c : components_) {
        const std::uint64_t written = c->marks_written();
        const auto ring = c->marks();
        const std::uint64_t kept = std::min<std::uint64_t>(written, ring.size());
        for (std::uint64_t k = written - kept; k < written; ++k)
            marks_scratch_.push_back(ring[k % ring.size()]);
    }
    std::sort(marks_scratch_.begin(), marks_scratch_.end(),
              [](const MachMark& a, const MachMark& b) { return a.time < b.time; });
    const std::size_t shown = std::min<std::size_t>(marks_scratch_.size(), MachView::kMarks);
    view.marks.assign(marks_scratch_.end() - static_cast<std::ptrdiff_t>(shown), marks_scratch_.end());
}

} // namespace phasor
