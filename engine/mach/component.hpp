// One decoupled component (MACH): a local network, its optimizer, its own order over the training data, and
// the edges to its neighbours. A leaf reads raw inputs; a component with children takes their outputs side
// by side, each the real activation a child sent (a Spike) or, where none is fresh, its synthetic-input
// model's guess from the raw inputs (a small network trained by squared error to mimic that child whenever a
// real Spike arrives). A head computes the loss; a component with parents sends them its output and applies
// the gradients (Grads) that come back whenever they arrive, k of its own steps late. A step never waits for
// a neighbour, unless an edge's Block policy or the component's forward lock (DDG, DNI) says so.
//
// The variations the topologies need are options of this one component: a k-graph component reads the images
// itself and scores a readout over its own output joined with its children's (every other component); a
// DNI component trains on a synthetic gradient at once and uses the real one only to train that model; a
// distilling head trains a student beside it.
#pragma once
#include "engine/batch/batch_mlp.hpp"
#include "engine/data/dataset.hpp"
#include "engine/data/epoch_order.hpp"
#include "engine/mach/edge_queue.hpp"
#include "engine/mach/mach_view.hpp"
#include "engine/optim/optimizer.hpp"

#include <chrono>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace phasor {

// DNI's synthetic gradients: none, from the activation alone, or conditioned on the label too (cDNI).
enum class SyntheticGradient { None, Plain, Conditioned };

struct ComponentSpec {
    std::string name;
    int index = 0;           // its place in the model, for the timeline
    std::vector<int> hidden; // the local network's hidden widths
    int out = 10;            // its output width (the classes for the head, the embedding for others)
    bool head = false;       // computes the loss; its output is a softmax over the classes
    bool readout = false; // k-graph: reads the images, sends its output, scores [output, children] → classes
    bool distill = false;        // a head that trains a student (images → classes) on its logits
    bool wait_for_input = false; // keeps the forward lock: waits for its child's Spike while the child runs
    SyntheticGradient synthetic_gradient = SyntheticGradient::None;
    Activation activation = Activation::Relu;
    OptimizerSpec optimizer{.name = "adamw"};
    float lr = 1e-3f;
    float synthetic_lr = 1e-3f;
    float synthetic_mix = 0.f; // share of steps that use the synthetic input though a real one came
    int batch = 128;
    bool weight_stashing = false; // a delayed gradient uses the weights that produced its activation
    float stale_shrink = 0.f;     // a gradient n updates stale is scaled by 1 / (1 + stale_shrink · n)
    int stash = 64;               // how many sent batches are kept for their gradients; older ones are lost
    std::uint64_t seed = 1;       // draws the weights; seed + 1 orders the data
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now(); // the run's, for marks
};

// The edges a component is wired to. One entry per child and per parent, in order, with the neighbour's
// index.
struct ComponentEdges {
    std::vector<EdgeQueue*> spikes_from_children;
    std::vector<EdgeQueue*> grads_to_children;
    std::vector<int> child_widths;
    std::vector<int> children; // their indices
    std::vector<EdgeQueue*> spikes_to_parents;
    std::vector<EdgeQueue*> grads_from_parents;
    std::vector<int> parents;
};

struct ComponentStats {
    std::uint64_t steps = 0, updates = 0, idle = 0;        // idle: released while waiting for an input
    std::uint64_t real_batches = 0, synthetic_batches = 0; // batches trained on with real / synthetic inputs
    std::uint64_t grads_applied = 0, grads_lost = 0;       // lost: its activation was no longer stashed
    std::uint64_t delay_sum = 0, delay_max = 0;
    // k per parent, MachView::kDelayBins bins, the last k ≥ kDelayBins − 1.
    std::vector<std::vector<std::uint32_t>> delay_histogram;
    std::vector<std::uint64_t> delay_sum_by_parent, grads_by_parent;
    float loss = 0.f; // the last training loss (a head, or a readout)
    float synthetic_error =
        0.f; // mean over children of the last relative squared error of the synthetic input
};

// The last gradient signal a component applied to its output (a delayed Grad or a synthetic gradient), kept
// so the model can compare it with the true gradient for the same samples.
struct AppliedGradient {
    bool valid = false;
    int parent = 0; // which parent's (its position among the parents)
    Mat values;     // out × batch
    std::vector<std::uint32_t> ids;
};

class Component {
  public:
    Component(ComponentSpec spec, const Dataset& train, ComponentEdges edges);

    // One unit of work: apply the gradients that arrived, then train on one batch and send what it owes.
    // Allocates nothing once its buffers have grown to the batch.
    void step();

    const ComponentSpec& spec() const { return spec_; }
    const ComponentStats& stats() const { return stats_; }
    const ComponentEdges& edges() const { return edges_; }
    BatchMlp& network() { return net_; }
    const BatchMlp& network() const { return net_; }
    BatchMlp& synthetic(std::size_t child) { return *synthetic_[child]; }
    BatchMlp* readout() { return readout_.get(); }
    BatchMlp* student() { return student_.get(); }
    const AppliedGradient& applied() const { return applied_; }
    // Its network's layers, then its readout's, into `into` (reusing its storage): what a checkpoint keeps
    // and restore() takes back.
    void save(std::vector<BatchLayer>& into) const;
    bool finite() const;
    // The input width: the raw features for a component that reads the images, its children's outputs side
    // by side otherwise.
    int in() const { return net_.in(); }
    bool reads_images() const { return edges_.spikes_from_children.empty() || spec_.readout; }
    bool has_loss() const { return spec_.head || spec_.readout; }
    // The marks of the messages it received, a ring of kMarks (written by its own thread: read when parked).
    std::span<const MachMark> marks() const { return marks_; }
    std::uint64_t marks_written() const { return marks_written_; }

    // Live, between releases.
    void set_lr(float lr) { spec_.lr = lr; }
    void set_synthetic_lr(float lr) { spec_.synthetic_lr = lr; }
    void set_synthetic_mix(float mix) { spec_.synthetic_mix = mix; }
    // Whether child `c` runs: a component that keeps the forward lock waits only for a running child.
    void set_child_running(std::size_t c, bool running) { child_running_[c] = running ? 1 : 0; }
    // Back to `weights` (a checkpoint, or a killed component restarting): the optimizers forget their state
    // and the stashed batches are dropped, since the gradients still on their way answer activations of
    // weights that are gone.
    void restore(std::span<const BatchLayer> weights);

    static constexpr int kMarks = 128;

  private:
    struct Stashed {
        std::uint64_t step = 0, updates = 0;
        int pending = 0; // parents yet to answer
        Mat input;       // in × batch (empty for a component that reads the images: gathered again)
        Mat output;      // out × batch, synthetic gradients only (the model's input)
        std::vector<std::uint32_t> ids; // the samples
        std::vector<std::int32_t> labels;
        std::vector<BatchLayer> weights; // weight stashing only
        std::vector<std::int64_t>
            child_steps; // per child: the step of the real Spike used, or −1 (synthetic)
    };
    enum class Input { Real, Synthetic, Idle };

    void apply_grads();
    void apply_grad(std::size_t parent, Stashed& s);
    void train_synthetic_gradient(const Stashed& s);
    Input build_input();
    void send_child_grads(const MatBlock& dx, Eigen::Index first_row,
                          std::span<const std::int64_t> child_steps, std::span<const std::uint32_t> ids);
    void send_to_parents(const MatBlock& output);
    void train_synthetic(std::size_t child, const Message& spike);
    void train_student();
    void step_head(Input input);
    void step_readout(Input input);
    void apply_synthetic_gradient(const MatBlock& output, Input input);
    void update(float scale);
    void mark(int from, bool grad, const Message& m, int delay);
    void record_applied(int parent, const CMatRef& values, std::span<const std::uint32_t> ids);
    const Mat& net_input() const { return reads_images() ? raw_ : input_; }

    ComponentSpec spec_;
    const Dataset& train_;
    ComponentEdges edges_;
    Rng rng_;
    BatchMlp net_;
    std::unique_ptr<Optimizer> optimizer_;
    std::vector<std::unique_ptr<BatchMlp>> synthetic_;
    std::vector<std::unique_ptr<Optimizer>> synthetic_optimizers_;
    std::unique_ptr<BatchMlp> readout_, student_, synthetic_gradient_;
    std::unique_ptr<Optimizer> readout_optimizer_, student_optimizer_, synthetic_gradient_optimizer_;
    EpochOrder order_;
    std::vector<Stashed> stash_;
    std::uint64_t step_ = 0;
    int pending_grads_ = 0; // a k-graph component's parents' gradients waiting for its next update
    ComponentStats stats_;
    AppliedGradient applied_;
    std::vector<char> child_running_;
    std::vector<MachMark> marks_;
    std::uint64_t marks_written_ = 0;
    // Buffers sized once.
    Mat raw_, input_, join_, probs_, dz_, student_grad_, sg_in_, sg_grad_;
    std::vector<Mat> synthetic_grad_; // per child
    std::vector<std::uint32_t> ids_;
    std::vector<std::int64_t> child_steps_;
    std::size_t next_child_ = 0;
    bool own_batch_ = true; // this step's samples come from its own order (not from a child's Spike)
    std::vector<std::int32_t> labels_;
    Message spike_in_, grad_in_, spike_out_;
    std::vector<Message> grads_out_; // per child
    std::vector<BatchLayer> current_weights_;
};

} // namespace phasor
