// The decoupled-components family's model: components wired into a topology, each stepping on its own thread
// (or all in turn on one, deterministically), trained on an image set. A tick is one step of one component.
// Test accuracy is measured two ways: through the real network (every child's real output) and with a
// component's synthetic inputs in place of its children.
#pragma once
#include "engine/data/dataset.hpp"
#include "engine/mach/component.hpp"
#include "engine/mach/edge_queue.hpp"
#include "engine/mach/mach_view.hpp"
#include "engine/runtime/component_threads.hpp"
#include "engine/runtime/model.hpp"

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace phasor {

enum class Topology {
    Backprop, // one component: a plain MLP trained by backprop, the baseline
    Single,   // one component (the teacher) and a student distilled from its logits beside it
    Sequence, // a chain: the first reads the input, each next the one before, the last is the head
    Kgraph,   // every component reads the images and is a child of every other, through its readout (joiner)
    Dni,      // a chain whose components train on synthetic gradients at once (the forward lock kept)
    Ddg,      // a chain with the forward lock kept and gradients k = K − 1 − i steps late (a pipeline)
};

std::string_view to_string(Topology topology);
std::optional<Topology> parse_topology(std::string_view name);

struct MachConfig {
    Topology topology = Topology::Sequence;
    ComponentThreads::Order order = ComponentThreads::Order::Free;
    std::string data_dir;
    std::vector<int> hidden{256}; // each component's hidden widths
    int embedding = 64;           // what a child sends its parent
    int components = 2;           // in a chain or a k-graph
    int batch = 128;
    float lr = 1e-3f;
    float synthetic_lr = 1e-3f;
    float synthetic_mix = 0.f;
    bool conditioned = false; // DNI: cDNI, the gradient models see the label
    OptimizerSpec optimizer{.name = "adamw"};
    int queue_capacity = 4;
    FullPolicy policy = FullPolicy::DropOldest;
    bool weight_stashing = false;
    float stale_shrink = 0.f;
    std::vector<ComponentState> states; // one per component, or empty: every one runs
    std::vector<int> speed_caps;        // steps/s per component (0: none), or empty: none
    int series_every = 50;              // ticks
    std::uint64_t seed = 1;
};

std::string_view to_string(ComponentState state);
// Each of "run", "pause", "kill" (the table's choices: anything else is a bug).
std::vector<ComponentState> parse_component_states(std::span<const std::string> names);

// How many components a configuration has.
int component_count(Topology topology, int components);

// Gradients never wait: a child blocked on a full activation queue while its parent waits for room on the
// gradient queue would wait forever. Under Block, gradient queues drop their oldest instead.
inline FullPolicy gradient_policy(FullPolicy policy) {
    return policy == FullPolicy::Block ? FullPolicy::DropOldest : policy;
}

class MachNet final : public Model {
  public:
    explicit MachNet(MachConfig config);
    ~MachNet() override;

    std::uint64_t advance(std::uint64_t max_ticks, SeriesWriter& series) override;
    std::uint64_t ticks() const override { return ticks_; }
    const Fault* fault() const override { return threads_->fault(); }
    std::optional<std::string> set(const ParamSpec& row, const ParamValue& value) override;
    std::unique_ptr<Payload> make_payload() const override { return std::make_unique<MachView>(); }
    void fill(Snapshot& snapshot) override;
    bool state_finite() const override;
    float state_scale() const override;
    void checkpoint() override;
    std::uint64_t checkpoint_tick() const override { return checkpoint_tick_; }
    void restore() override;
    // Releases of about 40 ms: long enough that every component takes steps side by side, short enough that a
    // command waits no longer than a frame or two.
    std::chrono::microseconds batch_time() const override { return std::chrono::milliseconds(40); }

    // The headline component's test accuracy over `limit` test images: through the real network, and with
    // its synthetic inputs (the student's, for a single component).
    std::pair<float, float> test_accuracy(std::size_t limit = SIZE_MAX);
    // Every component's, into node_accuracy_ (NaN where it has neither a loss nor children).
    void score_components(std::size_t limit);
    // The cosine between the last gradient signal component `i` applied and the true gradient for the same
    // samples through the network as it is now; NaN when there is none.
    float gradient_cosine(std::size_t i);

    Component& component(std::size_t i) { return *components_[i]; }
    std::size_t component_count() const { return components_.size(); }

  private:
    struct Edge {
        int child = 0, parent = 0;
        EdgeQueue spikes, grads;
        Edge(int child, int parent, int capacity, FullPolicy policy)
            : child(child), parent(parent), spikes(capacity, kMaxQueue, policy),
              grads(capacity, kMaxQueue, gradient_policy(policy)) {}
    };
    static constexpr int kMaxQueue = 64;

    void wire(const Dataset& train);
    ComponentSpec spec_for(std::string name, int index, int out, bool head) const;
    Edge& connect(int child, int parent, ComponentEdges& child_edges, ComponentEdges& parent_edges,
                  int width);
    std::optional<std::string> set_states(const std::vector<ComponentState>& states);
    void sample(SeriesWriter& series);
    void record_history();
    // Forward passes for scoring: each component's output for the images in eval_x_ (first m columns).
    void forward_all(Eigen::Index m);
    // A k-graph component's readout input for the same images: its output and its children's, real or
    // synthetic.
    const Mat& joined_input(std::size_t j, Eigen::Index m, bool synthetic);
    long count_right(const CMatRef& out) const;
    void fill_view(MachView& view);

    MachConfig config_;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    std::shared_ptr<const DataSplit> data_;
    std::vector<std::unique_ptr<Edge>> edges_;
    std::vector<std::unique_ptr<Component>> components_;
    std::vector<ComponentState> states_;
    std::size_t headline_ = 0;
    std::unique_ptr<ComponentThreads> threads_;
    std::uint64_t ticks_ = 0;
    std::vector<std::vector<BatchLayer>> saved_, killed_; // killed_: each killed component's weights
    std::uint64_t checkpoint_tick_ = 0;
    // The last full evaluation and when it was made.
    float accuracy_ = 0.f, accuracy_synthetic_ = 0.f;
    std::uint64_t eval_tick_ = UINT64_MAX, last_fill_tick_ = UINT64_MAX;
    std::chrono::steady_clock::time_point eval_time_;
    std::vector<std::pair<float, float>> node_accuracy_;
    std::vector<float> node_cosine_;
    MachHistory history_;
    // Rates: the counts at the last fill that was at least a second after the one before.
    std::chrono::steady_clock::time_point rate_time_;
    std::vector<std::uint64_t> rate_steps_, rate_spikes_, rate_grads_;
    std::vector<float> steps_per_second_, spike_rate_, grad_rate_;
    // Scoring buffers, sized once.
    Mat eval_x_, eval_join_, eval_probs_, eval_dz_, eval_grad_, eval_stage_;
    std::vector<Mat> eval_out_; // per component, its output
    std::vector<std::uint32_t> eval_ids_;
    std::vector<std::int32_t> eval_labels_;
    std::vector<MachMark> marks_scratch_;
    std::vector<std::pair<long, long>> score_right_;
    std::string eval_name_;
};

} // namespace phasor
