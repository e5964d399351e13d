// The decoupled-components model (see mach_net.hpp): wiring a topology, releasing the components, live
// changes, checkpoints. Scoring is in mach_scoring.cpp, the view in mach_view.cpp.
#include "engine/mach/mach_net.hpp"

#include "engine/core/enum_names.hpp"
#include "engine/core/error.hpp"
#include "engine/data/shared_data.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace phasor {

namespace {

constexpr std::array<EnumName<ComponentState>, 3> kStateNames{
    {{ComponentState::Run, "run"}, {ComponentState::Pause, "pause"}, {ComponentState::Kill, "kill"}}};

constexpr std::array<EnumName<Topology>, 6> kTopologyNames{{{Topology::Backprop, "backprop"},
                                                            {Topology::Single, "single"},
                                                            {Topology::Sequence, "sequence"},
                                                            {Topology::Kgraph, "kgraph"},
                                                            {Topology::Dni, "dni"},
                                                            {Topology::Ddg, "ddg"}}};

// 10000 → "10,000", as people read a count.
std::string thousands(std::size_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

bool chain(Topology t) {
    return t == Topology::Sequence || t == Topology::Dni || t == Topology::Ddg;
}

} // namespace

std::string_view to_string(Topology topology) {
    return name_of(kTopologyNames, topology);
}
std::optional<Topology> parse_topology(std::string_view name) {
    return value_named(kTopologyNames, name);
}

std::string_view to_string(ComponentState state) {
    return name_of(kStateNames, state);
}

std::vector<ComponentState> parse_component_states(std::span<const std::string> names) {
    std::vector<ComponentState> states;
    for (const std::string& name : names) states.push_back(value_named(kStateNames, name).value());
    return states;
}

int component_count(Topology topology, int components) {
    return topology == Topology::Backprop || topology == Topology::Single ? 1 : components;
}

ComponentSpec MachNet::spec_for(std::string name, int index, int out, bool head) const {
    ComponentSpec s;
    s.name = std::move(name);
    s.index = index;
    s.hidden = config_.hidden;
    s.out = out;
    s.head = head;
    s.optimizer = config_.optimizer;
    s.lr = config_.lr;
    s.synthetic_lr = config_.synthetic_lr;
    s.synthetic_mix = config_.synthetic_mix;
    s.batch = config_.batch;
    s.weight_stashing = config_.weight_stashing;
    s.stale_shrink = config_.stale_shrink;
    s.start = start_;
    // Apart for each component: its weights (seed) and its order over the data (seed + 1).
    s.seed = config_.seed * 1009 + 2 * static_cast<std::uint64_t>(index);
    return s;
}

MachNet::Edge& MachNet::connect(int child, int parent, ComponentEdges& child_edges,
                                ComponentEdges& parent_edges, int width) {
    edges_.push_back(std::make_unique<Edge>(child, parent, config_.queue_capacity, config_.policy));
    Edge& e = *edges_.back();
    child_edges.spikes_to_parents.push_back(&e.spikes);
    child_edges.grads_from_parents.push_back(&e.grads);
    child_edges.parents.push_back(parent);
    parent_edges.spikes_from_children.push_back(&e.spikes);
    parent_edges.grads_to_children.push_back(&e.grads);
    parent_edges.child_widths.push_back(width);
    parent_edges.children.push_back(child);
    return e;
}

void MachNet::wire(const Dataset& train) {
    const Topology t = config_.topology;
    const int count = phasor::component_count(t, config_.components);
    std::vector<ComponentEdges> wiring(static_cast<std::size_t>(count));
    auto at = [&](int i) -> ComponentEdges& { return wiring[static_cast<std::size_t>(i)]; };
    if (chain(t)) {
        for (int i = 0; i + 1 < count; ++i) connect(i, i + 1, at(i), at(i + 1), config_.embedding);
    } else if (t == Topology::Kgraph) {
        for (int parent = 0; parent < count; ++parent)
            for (int child = 0; child < count; ++child)
                if (child != parent) connect(child, parent, at(child), at(parent), config_.embedding);
    }
    for (int i = 0; i < count; ++i) {
        const bool last = i + 1 == count;
        ComponentSpec s;
        if (t == Topology::Kgraph) {
            s = spec_for(fmt::format("component {}", i + 1), i, config_.embedding, true);
            s.readout = true;
        } else if (!chain(t)) {
            s = spec_for(t == Topology::Single ? "teacher" : "network", i, train.classes, true);
            s.distill = t == Topology::Single;
        } else {
            const std::string name = last ? "head" : count == 2 ? "child" : fmt::format("module {}", i + 1);
            s = spec_for(name, i, last ? train.classes : config_.embedding, last);
            // DNI and DDG keep the forward lock: a module waits for the one below while it runs.
            s.wait_for_input = t != Topology::Sequence;
            if (t == Topology::Dni && !last)
                s.synthetic_gradient =
                    config_.conditioned ? SyntheticGradient::Conditioned : SyntheticGradient::Plain;
        }
        components_.push_back(std::make_unique<Component>(std::move(s), train, std::move(at(i))));
    }
    headline_ = chain(t) ? components_.size() - 1 : 0;
}

MachNet::MachNet(MachConfig config) : config_(std::move(config)) {
    try {
        data_ = shared_image_folder(config_.data_dir);
    } catch (const DataError& e) {
        throw InputError(fmt::format("data.dir: {}", e.what()));
    }
    wire(data_->train);
    std::vector<std::string> names;
    for (const auto& c : components_) names.push_back(c->spec().name);
    threads_ = std::make_unique<ComponentThreads>(
        names,
        [this](std::size_t i) {
            Component& c = *components_[i];
            c.step();
            if (c.has_loss() && !std::isfinite(c.stats().loss)) threads_->fail(i, "loss is not finite");
        },
        config_.order);
    // A sender blocked on a full queue, or a receiver waiting for input, is let go when the release ends:
    // the other end may already be parked.
    threads_->on_stop([this] {
        for (auto& edge : edges_) edge->spikes.allow_waiting(false);
    });
    const std::size_t n = components_.size();
    states_.assign(n, ComponentState::Run);
    killed_.resize(n);
    if (!config_.states.empty()) set_states(config_.states);
    for (std::size_t i = 0; i < config_.speed_caps.size() && i < n; ++i)
        threads_->set_speed_cap(i, config_.speed_caps[i]);
    saved_.resize(n);
    killed_.resize(n);
    node_accuracy_.assign(n, {NAN, NAN});
    node_cosine_.assign(n, NAN);
    history_.accuracy.assign(n, {});
    history_.accuracy_synthetic.assign(n, {});
    history_.synthetic_error.assign(n, {});
    history_.gradient_cosine.assign(n, {});
    history_.tick.reserve(MachView::kHistory);
    for (auto* series : {&history_.accuracy, &history_.accuracy_synthetic, &history_.synthetic_error,
                         &history_.gradient_cosine})
        for (auto& s : *series) s.reserve(MachView::kHistory);
    rate_steps_.assign(n, 0);
    steps_per_second_.assign(n, 0.f);
    rate_spikes_.assign(edges_.size(), 0);
    rate_grads_.assign(edges_.size(), 0);
    spike_rate_.assign(edges_.size(), 0.f);
    grad_rate_.assign(edges_.size(), 0.f);
    rate_time_ = start_;
    eval_name_ = fmt::format("test accuracy ({} images)", thousands(data_->test.size()));
    const int batch = config_.batch;
    eval_x_.resize(data_->test.features, batch);
    eval_ids_.resize(static_cast<std::size_t>(batch));
    eval_labels_.resize(static_cast<std::size_t>(batch));
    eval_probs_.resize(data_->train.classes, batch);
    eval_dz_.resize(data_->train.classes, batch);
    for (const auto& c : components_) eval_out_.emplace_back(c->network().out(), batch);
    int widest = 0;
    for (const auto& c : components_)
        if (c->readout()) widest = std::max(widest, c->readout()->in());
    eval_join_.resize(widest, batch);
    int tallest = widest;
    for (const auto& c : components_) tallest = std::max({tallest, c->network().in(), c->network().out()});
    eval_grad_.resize(tallest, batch);
    eval_stage_.resize(tallest, batch);
    marks_scratch_.reserve(n * Component::kMarks);
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
    // A release of slowed components comes back within a tenth of a second, so commands are not kept waiting.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(100);
    while (done < max_ticks && !threads_->fault()) {
        // Waiting on an edge makes sense only while both of its ends run, each on a thread of its own:
        // stepped in turn, a component that waited would hold the turn its neighbour needs (under Block, a
        // full queue then drops its oldest instead).
        const bool threads = config_.order == ComponentThreads::Order::Free;
        for (auto& edge : edges_) {
            const bool both = states_[static_cast<std::size_t>(edge->child)] == ComponentState::Run &&
                              states_[static_cast<std::size_t>(edge->parent)] == ComponentState::Run;
            edge->spikes.allow_waiting(threads && both);
        }
        const std::uint64_t n = threads_->run(std::min(max_ticks - done, every - ticks_ % every), deadline);
        if (n == 0) break;
        done += n;
        ticks_ += n;
        if (ticks_ % every == 0 && !threads_->fault()) sample(series);
        if (std::chrono::steady_clock::now() >= deadline) break;
    }
    return done;
}

void MachNet::sample(SeriesWriter& series) {
    // The series scores a fixed 1,000 test images: enough to follow, cheap enough to do often.
    score_components(1000);
    for (std::size_t i = 0; i < components_.size(); ++i) node_cosine_[i] = gradient_cosine(i);
    record_history();
    SeriesSample sample;
    sample.tick = ticks_;
    std::uint64_t delays = 0, applied = 0;
    for (const auto& c : components_) {
        delays += c->stats().delay_sum;
        applied += c->stats().grads_applied;
    }
    sample.values[0] = components_[headline_]->stats().loss;
    sample.values[1] = node_accuracy_[headline_].first;
    sample.values[2] = node_accuracy_[headline_].second;
    sample.values[3] = applied ? static_cast<float>(delays) / static_cast<float>(applied) : 0.f;
    series.write(sample);
}

std::optional<std::string> MachNet::set_states(const std::vector<ComponentState>& states) {
    const std::size_t n = components_.size();
    if (states.size() != n)
        return fmt::format("gives {} state{} for {} component{}", states.size(),
                           states.size() == 1 ? "" : "s", n, n == 1 ? "" : "s");
    if (std::none_of(states.begin(), states.end(), [](ComponentState s) { return s == ComponentState::Run; }))
        return std::string("at least one component must run");
    Message drop;
    for (std::size_t i = 0; i < n; ++i) {
        const ComponentState was = states_[i], now = states[i];
        if (was != ComponentState::Kill && now == ComponentState::Kill) components_[i]->save(killed_[i]);
        if (was == ComponentState::Kill && now != ComponentState::Kill) {
            // A restarted component comes back with the weights it had when it was killed, as a process
            // restarted from its last save would, and nothing else: its optimizer's state, the batches it
            // had sent and what was sent to it while it was gone are lost.
            components_[i]->restore(killed_[i]);
            for (EdgeQueue* q : components_[i]->edges().spikes_from_children)
                while (q->receive(drop)) {
                }
            for (EdgeQueue* q : components_[i]->edges().grads_from_parents)
                while (q->receive(drop)) {
                }
        }
        threads_->set_running(i, now == ComponentState::Run);
    }
    states_ = states;
    for (const auto& edge : edges_) {
        Component& parent = *components_[static_cast<std::size_t>(edge->parent)];
        const auto& children = parent.edges().children;
        const auto at = std::find(children.begin(), children.end(), edge->child) - children.begin();
        parent.set_child_running(static_cast<std::size_t>(at),
                                 states_[static_cast<std::size_t>(edge->child)] == ComponentState::Run);
    }
    return std::nullopt;
}

std::optional<std::string> MachNet::set(const ParamSpec& row, const ParamValue& value) {
    if (row.key == "train.lr") {
        for (auto& c : components_) c->set_lr(std::get<float>(value));
        config_.lr = std::get<float>(value);
        return std::nullopt;
    }
    if (row.key == "synthetic.lr") {
        for (auto& c : components_) c->set_synthetic_lr(std::get<float>(value));
        config_.synthetic_lr = std::get<float>(value);
        return std::nullopt;
    }
    if (row.key == "synthetic.mix") {
        for (auto& c : components_) c->set_synthetic_mix(std::get<float>(value));
        config_.synthetic_mix = std::get<float>(value);
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
    if (row.key == "components.state") {
        std::vector<ComponentState> states(components_.size(), ComponentState::Run);
        if (const auto* names = std::get_if<std::vector<std::string>>(&value))
            states = parse_component_states(*names);
        return set_states(states);
    }
    if (row.key == "components.speed") {
        std::vector<int> caps(components_.size(), 0);
        if (const auto* given = std::get_if<std::vector<std::int64_t>>(&value)) {
            if (given->size() != caps.size())
                return fmt::format("gives {} speeds for {} components", given->size(), caps.size());
            std::transform(given->begin(), given->end(), caps.begin(),
                           [](auto v) { return static_cast<int>(v); });
        }
        for (std::size_t i = 0; i < caps.size(); ++i) threads_->set_speed_cap(i, caps[i]);
        config_.speed_caps = caps;
        return std::nullopt;
    }
    return fmt::format("cannot change while it runs");
}

bool MachNet::state_finite() const {
    return std::all_of(components_.begin(), components_.end(), [](const auto& c) { return c->finite(); });
}

float MachNet::state_scale() const {
    float largest = 0.f;
    for (const auto& c : components_)
        for (const BatchLayer& l : c->network().layers())
            largest = std::max({largest, l.W.cwiseAbs().maxCoeff(), l.b.cwiseAbs().maxCoeff()});
    return largest;
}

void MachNet::checkpoint() {
    for (std::size_t i = 0; i < components_.size(); ++i) components_[i]->save(saved_[i]);
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
