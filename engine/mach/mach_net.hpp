// The decoupled-components family's model: components wired into a topology, each stepping on its own thread
// (or all in turn on one, deterministically), trained on an image set. A tick is one step of one component.
// Test accuracy is measured two ways: through the real chain (every child's real output) and with the head's
// synthetic inputs in place of its children.
#pragma once
#include "engine/data/dataset.hpp"
#include "engine/mach/component.hpp"
#include "engine/mach/edge_queue.hpp"
#include "engine/runtime/component_threads.hpp"
#include "engine/runtime/model.hpp"

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace phasor {

enum class Topology {
    Backprop, // one component: a plain MLP trained by backprop, the baseline
    Sequence, // a chain of components: the first reads the input, each next the one before, the last is the
              // head
};

struct MachConfig {
    Topology topology = Topology::Sequence;
    ComponentThreads::Order order = ComponentThreads::Order::Free;
    std::string data_dir;
    std::vector<int> hidden{256}; // each component's hidden widths
    int embedding = 64;           // what a child sends its parent
    int components = 2;           // in a sequence
    int batch = 128;
    float lr = 1e-3f;
    OptimizerSpec optimizer{.name = "adamw"};
    int queue_capacity = 4;
    FullPolicy policy = FullPolicy::DropOldest;
    bool weight_stashing = false;
    float stale_shrink = 0.f;
    int series_every = 50; // ticks
    std::uint64_t seed = 1;
};

struct MachComponentView {
    std::string name;
    ComponentStats stats;
    int queue_in = 0, queue_capacity = 0; // the Spike queue into it (0 for a leaf)
};

struct MachView : PayloadOf<MachView> {
    std::vector<MachComponentView> components;
    float accuracy = 0.f, accuracy_synthetic = 0.f;
    double epochs = 0.0; // the head's samples over the training set's size
};

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

    // Test accuracy over the whole test set: through the real chain, and with the head's synthetic inputs.
    std::pair<float, float> test_accuracy(std::size_t limit = SIZE_MAX);
    Component& component(std::size_t i) { return *components_[i]; }
    std::size_t component_count() const { return components_.size(); }

  private:
    struct Edge {
        EdgeQueue spikes, grads;
        Edge(int capacity, FullPolicy policy)
            : spikes(capacity, kMaxQueue, policy), grads(capacity, kMaxQueue, gradient_policy(policy)) {}
    };
    static constexpr int kMaxQueue = 64;

    MachConfig config_;
    std::shared_ptr<const DataSplit> data_;
    std::vector<std::unique_ptr<Edge>> edges_;
    std::vector<std::unique_ptr<Component>> components_;
    std::unique_ptr<ComponentThreads> threads_;
    std::uint64_t ticks_ = 0;
    std::vector<std::vector<BatchLayer>> saved_;
    std::uint64_t checkpoint_tick_ = 0;
    // The last full evaluation and when it was made.
    float accuracy_ = 0.f, accuracy_synthetic_ = 0.f;
    std::uint64_t eval_tick_ = UINT64_MAX, last_fill_tick_ = UINT64_MAX;
    std::chrono::steady_clock::time_point eval_time_;
    Mat eval_x_;
    std::vector<std::uint32_t> eval_ids_;
    std::vector<std::int32_t> eval_labels_;
    std::string eval_name_;
};

} // namespace phasor
