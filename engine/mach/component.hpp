// One decoupled component (MACH): a local network, its optimizer, its own order over the training data, and
// the edges to its neighbours. A leaf reads raw inputs; a component with children takes as its input their
// outputs side by side, each the real activation a child sent (a Spike) or, where none is fresh, its
// synthetic-input model's guess from the raw inputs (a small network trained by squared error to mimic that
// child whenever a real Spike arrives). The head computes the loss; every other component sends its output to
// its parent and applies the gradients (Grads) that come back whenever they arrive, k of its own updates
// late. A step never waits for a neighbour (unless an edge's Block policy says so).
#pragma once
#include "engine/batch/batch_mlp.hpp"
#include "engine/data/dataset.hpp"
#include "engine/data/epoch_order.hpp"
#include "engine/mach/edge_queue.hpp"
#include "engine/optim/optimizer.hpp"

#include <memory>
#include <span>
#include <string>
#include <vector>

namespace phasor {

struct ComponentSpec {
    std::string name;
    std::vector<int> hidden; // the local network's hidden widths
    int out = 10;            // its output width (the classes for the head, the embedding for others)
    bool head = false;       // computes the loss; its output is a softmax over the classes
    Activation activation = Activation::Relu;
    OptimizerSpec optimizer{.name = "adamw"};
    float lr = 1e-3f;
    float synthetic_lr = 1e-3f;
    int batch = 128;
    bool weight_stashing = false; // a delayed gradient uses the weights that produced its activation
    float stale_shrink = 0.f;     // a gradient k updates late is scaled by 1 / (1 + stale_shrink · k)
    int stash = 64;               // how many sent batches are kept for their gradients; older ones are lost
    std::uint64_t seed = 1;       // draws the weights; seed + 1 orders the data
};

// The edges a component is wired to; null where it has none. One entry per child, in order.
struct ComponentEdges {
    std::vector<EdgeQueue*> spikes_from_children;
    std::vector<EdgeQueue*> grads_to_children;
    std::vector<int> child_widths;
    EdgeQueue* spikes_to_parent = nullptr;
    EdgeQueue* grads_from_parent = nullptr;
};

struct ComponentStats {
    std::uint64_t steps = 0, updates = 0;
    std::uint64_t real_batches = 0, synthetic_batches = 0; // batches trained on with real / synthetic inputs
    std::uint64_t grads_applied = 0, grads_lost = 0;       // lost: its activation was no longer stashed
    std::uint64_t delay_sum = 0, delay_max = 0;
    std::vector<std::uint32_t> delay_histogram = std::vector<std::uint32_t>(64); // k, the last bin k ≥ 63
    float loss = 0.f;            // the head's last training loss
    float synthetic_error = 0.f; // mean over children of the last squared error of the synthetic input
};

class Component {
  public:
    Component(ComponentSpec spec, const Dataset& train, ComponentEdges edges);

    // One unit of work: apply the gradients that arrived, then train on one batch (the head) or send one
    // (the others). Allocates nothing once its buffers have grown to the batch.
    void step();

    const ComponentSpec& spec() const { return spec_; }
    const ComponentStats& stats() const { return stats_; }
    BatchMlp& network() { return net_; }
    const BatchMlp& network() const { return net_; }
    BatchMlp& synthetic(std::size_t child) { return *synthetic_[child]; }
    // The input width: the raw features for a leaf, the children's outputs side by side otherwise.
    int in() const { return net_.in(); }
    bool leaf() const { return edges_.spikes_from_children.empty(); }
    void set_lr(float lr) { spec_.lr = lr; }
    // Back to `weights` (a checkpoint): the optimizers forget their state and the stashed batches are
    // dropped, since the gradients still on their way answer activations of weights that are gone.
    void restore(std::span<const BatchLayer> weights);

  private:
    struct Stashed {
        std::uint64_t step = 0, updates = 0;
        bool valid = false;
        Mat input;                       // in × batch
        std::vector<std::uint32_t> ids;  // the samples
        std::vector<BatchLayer> weights; // weight stashing only
        std::vector<std::int64_t>
            child_steps; // per child: the step of the real Spike used, or −1 (synthetic)
    };

    void apply_grads();
    // Fills input_, ids_ and child_steps_ for this step's batch; returns whether any part of it is real.
    bool build_input();
    void send_child_grads(const std::vector<std::int64_t>& child_steps, std::span<const std::uint32_t> ids);
    void train_synthetic(std::size_t child, const Message& spike);
    void update(float scale);

    ComponentSpec spec_;
    const Dataset& train_;
    ComponentEdges edges_;
    Rng rng_;
    BatchMlp net_;
    std::unique_ptr<Optimizer> optimizer_;
    std::vector<std::unique_ptr<BatchMlp>> synthetic_;
    std::vector<std::unique_ptr<Optimizer>> synthetic_optimizers_;
    EpochOrder order_;
    std::vector<Stashed> stash_;
    std::uint64_t step_ = 0;
    ComponentStats stats_;
    // Buffers sized once.
    Mat raw_, input_, probs_, dz_;
    std::vector<Mat> synthetic_grad_; // per child
    std::vector<std::uint32_t> ids_;
    std::vector<std::int64_t> child_steps_;
    std::size_t next_child_ = 0;
    std::vector<std::int32_t> labels_;
    Message spike_in_, grad_in_, out_;
    std::vector<BatchLayer> current_weights_;
};

} // namespace phasor
