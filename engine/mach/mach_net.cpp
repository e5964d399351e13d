// The decoupled-components model (see mach_net.hpp).
#include "engine/mach/mach_net.hpp"

#include "engine/batch/batch_source.hpp"
#include "engine/core/error.hpp"
#include "engine/data/shared_data.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace phasor {

namespace {

// The smallest k with at least `share` of the applied gradients at most k late (the last bin: 63 or more).
std::size_t delay_quantile(const ComponentStats& st, double share) {
    const double want = share * static_cast<double>(st.grads_applied);
    double seen = 0;
    for (std::size_t k = 0; k < st.delay_histogram.size(); ++k) {
        seen += st.delay_histogram[k];
        if (seen >= want && seen > 0) return k;
    }
    return 0;
}

// 10000 → "10,000", as people read a count.
std::string thousands(std::size_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

bool all_finite(std::span<const BatchLayer> layers) {
    for (const BatchLayer& l : layers)
        if (!l.W.allFinite() || !l.b.allFinite()) return false;
    return true;
}

} // namespace

MachNet::MachNet(MachConfig config) : config_(std::move(config)) {
    try {
        data_ = shared_image_folder(config_.data_dir);
    } catch (const DataError& e) {
        throw InputError(fmt::format("data.dir: {}", e.what()));
    }
    const Dataset& train = data_->train;
    auto component_spec = [&](std::string name, int out, bool head, std::uint64_t index) {
        ComponentSpec s;
        s.name = std::move(name);
        s.hidden = config_.hidden;
        s.out = out;
        s.head = head;
        s.optimizer = config_.optimizer;
        s.lr = config_.lr;
        s.batch = config_.batch;
        s.weight_stashing = config_.weight_stashing;
        s.stale_shrink = config_.stale_shrink;
        // Apart for each component: its weights (seed) and its order over the data (seed + 1).
        s.seed = config_.seed * 1009 + 2 * index;
        return s;
    };
    switch (config_.topology) {
    case Topology::Backprop:
        components_.push_back(std::make_unique<Component>(component_spec("network", train.classes, true, 0),
                                                          train, ComponentEdges{}));
        break;
    case Topology::Sequence: {
        // A chain: component 0 reads the images, each next one reads the one before, the last is the head.
        const int count = config_.components;
        for (int i = 0; i + 1 < count; ++i)
            edges_.push_back(std::make_unique<Edge>(config_.queue_capacity, config_.policy));
        for (int i = 0; i < count; ++i) {
            ComponentEdges e;
            if (i > 0) {
                Edge& below = *edges_[static_cast<std::size_t>(i - 1)];
                e.spikes_from_children = {&below.spikes};
                e.grads_to_children = {&below.grads};
                e.child_widths = {config_.embedding};
            }
            if (i + 1 < count) {
                Edge& above = *edges_[static_cast<std::size_t>(i)];
                e.spikes_to_parent = &above.spikes;
                e.grads_from_parent = &above.grads;
            }
            const bool head = i + 1 == count;
            const std::string name = head ? "head" : count == 2 ? "child" : fmt::format("module {}", i + 1);
            components_.push_back(
                std::make_unique<Component>(component_spec(name, head ? train.classes : config_.embedding,
                                                           head, static_cast<std::uint64_t>(i)),
                                            train, std::move(e)));
        }
        break;
    }
    }
    std::vector<std::string> names;
    for (const auto& c : components_) names.push_back(c->spec().name);
    threads_ = std::make_unique<ComponentThreads>(
        names,
        [this](std::size_t i) {
            Component& c = *components_[i];
            c.step();
            if (c.spec().head && !std::isfinite(c.stats().loss)) threads_->fail(i, "loss is not finite");
        },
        config_.order);
    // A sender blocked on a full queue is let go when the release ends: the receiver may already be parked.
    threads_->on_stop([this] {
        for (auto& edge : edges_) edge->spikes.allow_waiting(false);
    });
    saved_.resize(components_.size());
    eval_name_ = fmt::format("test accuracy ({} images)", thousands(data_->test.size()));
    checkpoint();
}

MachNet::~MachNet() {
    // A sender blocked on a full queue must be set free before the threads are joined.
    for (auto& edge : edges_) {
        edge->spikes.close();
        edge->grads.close();
    }
    threads_.reset();
}

std::uint64_t MachNet::advance(std::uint64_t max_ticks, SeriesWriter& series) {
    std::uint64_t done = 0;
    const auto every = static_cast<std::uint64_t>(config_.series_every);
    while (done < max_ticks && !threads_->fault()) {
        for (auto& edge : edges_) edge->spikes.allow_waiting(true);
        const std::uint64_t n = threads_->run(std::min(max_ticks - done, every - ticks_ % every));
        if (n == 0) break;
        done += n;
        ticks_ += n;
        if (ticks_ % every == 0 && !threads_->fault()) {
            // The series scores a fixed 1,000 test images: enough to follow, cheap enough to do often.
            const auto [real, synthetic] = test_accuracy(1000);
            SeriesSample sample;
            sample.tick = ticks_;
            const Component& head = *components_.back();
            std::uint64_t delays = 0, applied = 0;
            for (const auto& c : components_) {
                delays += c->stats().delay_sum;
                applied += c->stats().grads_applied;
            }
            sample.values[0] = head.stats().loss;
            sample.values[1] = real;
            sample.values[2] = synthetic;
            sample.values[3] = applied ? static_cast<float>(delays) / static_cast<float>(applied) : 0.f;
            series.write(sample);
        }
    }
    return done;
}

std::pair<float, float> MachNet::test_accuracy(std::size_t limit) {
    const Dataset& test = data_->test;
    const std::size_t n = std::min(limit, test.size());
    const int batch = config_.batch;
    eval_x_.resize(test.features, batch);
    std::vector<std::uint32_t>& ids = eval_ids_;
    std::vector<std::int32_t>& labels = eval_labels_;
    ids.resize(static_cast<std::size_t>(batch));
    labels.resize(static_cast<std::size_t>(batch));
    Component& head = *components_.back();
    long real = 0, synthetic = 0;
    auto count = [&](const MatBlock& out, std::size_t m) {
        long right = 0;
        for (Eigen::Index c = 0; c < static_cast<Eigen::Index>(m); ++c) {
            Eigen::Index best = 0;
            out.col(c).maxCoeff(&best);
            right += best == labels[static_cast<std::size_t>(c)];
        }
        return right;
    };
    for (std::size_t start = 0; start < n; start += static_cast<std::size_t>(batch)) {
        const std::size_t m = std::min<std::size_t>(static_cast<std::size_t>(batch), n - start);
        for (std::size_t i = 0; i < m; ++i) ids[i] = static_cast<std::uint32_t>(start + i);
        gather(test, std::span(ids).first(m), eval_x_, labels);
        const auto X = eval_x_.leftCols(static_cast<Eigen::Index>(m));
        if (components_.size() == 1) {
            const long right = count(head.network().forward(X), m);
            real += right;
            synthetic += right;
            continue;
        }
        // Through every component in turn, then the head on its synthetic input for the one below it.
        MatBlock through = components_.front()->network().forward(X);
        for (std::size_t c = 1; c + 1 < components_.size(); ++c)
            through = components_[c]->network().forward(through);
        real += count(head.network().forward(through), m);
        synthetic += count(head.network().forward(head.synthetic(0).forward(X)), m);
    }
    return {static_cast<float>(real) / static_cast<float>(n),
            static_cast<float>(synthetic) / static_cast<float>(n)};
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
    const Component& head = *components_.back();
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
        const EdgeCounts in = i > 0 && !edges_.empty() ? edges_[i - 1]->spikes.counts() : EdgeCounts{};
        // Written in place, so a snapshot filled again allocates nothing.
        const std::pair<const char*, double> figures[] = {
            {"steps", static_cast<double>(st.steps)},
            {"real_batches", static_cast<double>(st.real_batches)},
            {"synthetic_batches", static_cast<double>(st.synthetic_batches)},
            {"gradients_applied", static_cast<double>(st.grads_applied)},
            {"gradients_lost", static_cast<double>(st.grads_lost)},
            {"delay_mean", st.grads_applied
                               ? static_cast<double>(st.delay_sum) / static_cast<double>(st.grads_applied)
                               : 0.0},
            {"delay_p95", static_cast<double>(delay_quantile(st, 0.95))},
            {"delay_max", static_cast<double>(st.delay_max)},
            {"queue_drops", static_cast<double>(in.dropped)}};
        part.figures.resize(std::size(figures));
        for (std::size_t f = 0; f < std::size(figures); ++f) {
            part.figures[f].first = figures[f].first;
            part.figures[f].second = figures[f].second;
        }
    }
    if (auto* view = snapshot.payload_as<MachView>()) {
        view->components.resize(components_.size());
        for (std::size_t i = 0; i < components_.size(); ++i) {
            MachComponentView& v = view->components[i];
            v.name = components_[i]->spec().name;
            v.stats = components_[i]->stats();
            v.queue_in = i > 0 && !edges_.empty() ? edges_[i - 1]->spikes.size() : 0;
            v.queue_capacity = i > 0 && !edges_.empty() ? edges_[i - 1]->spikes.capacity() : 0;
        }
        view->accuracy = accuracy_;
        view->accuracy_synthetic = accuracy_synthetic_;
        view->epochs = epochs;
    }
}

std::optional<std::string> MachNet::set(const ParamSpec& row, const ParamValue& value) {
    if (row.key == "train.lr") {
        for (auto& c : components_) c->set_lr(std::get<float>(value));
        config_.lr = std::get<float>(value);
        return std::nullopt;
    }
    if (row.key == "queue.capacity") {
        const int capacity = static_cast<int>(std::get<std::int64_t>(value));
        for (auto& e : edges_) {
            e->spikes.set_capacity(capacity);
            e->grads.set_capacity(capacity);
        }
        config_.queue_capacity = capacity;
        return std::nullopt;
    }
    if (row.key == "queue.policy") {
        const FullPolicy policy = *parse_full_policy(std::get<std::string>(value));
        for (auto& e : edges_) {
            e->spikes.set_policy(policy);
            e->grads.set_policy(gradient_policy(policy));
        }
        config_.policy = policy;
        return std::nullopt;
    }
    return fmt::format("cannot change while it runs");
}

bool MachNet::state_finite() const {
    return std::all_of(components_.begin(), components_.end(),
                       [](const auto& c) { return all_finite(c->network().layers()); });
}

float MachNet::state_scale() const {
    float largest = 0.f;
    for (const auto& c : components_)
        for (const BatchLayer& l : c->network().layers())
            largest = std::max({largest, l.W.cwiseAbs().maxCoeff(), l.b.cwiseAbs().maxCoeff()});
    return largest;
}

void MachNet::checkpoint() {
    for (std::size_t i = 0; i < components_.size(); ++i) {
        const auto layers = components_[i]->network().layers();
        saved_[i].assign(layers.begin(), layers.end());
    }
    checkpoint_tick_ = ticks_;
}

void MachNet::restore() {
    for (std::size_t i = 0; i < components_.size(); ++i) components_[i]->restore(saved_[i]);
    // Messages in flight answer or carry the state that was given up.
    Message drop;
    for (auto& e : edges_) {
        while (e->spikes.receive(drop)) {
        }
        while (e->grads.receive(drop)) {
        }
    }
    threads_->clear_fault();
}

} // namespace phasor
