// Private to the stepped network: the buffers it works in, all sized at build time.
#pragma once
#include "engine/stepnet/stepnet.hpp"

#include <cstdint>
#include <vector>

namespace phasor {

// A per-layer ring of the last `depth` ticks of pre-activations and activations. The input of layer l at tick
// s is layer l−1's activation at tick s−1 (or the network input at s), so the rings are the double buffers
// and the activation history at once: nothing is copied between ticks.
struct TickRing {
    std::vector<Vec> z, a;
    int depth = 0;
    void resize(int ticks, int size) {
        depth = ticks;
        z.assign(static_cast<std::size_t>(ticks), Vec::Zero(size));
        a.assign(static_cast<std::size_t>(ticks), Vec::Zero(size));
    }
    std::size_t slot(std::int64_t tick) const {
        const std::int64_t d = depth;
        return static_cast<std::size_t>(((tick % d) + d) % d);
    }
};

// The error message travelling down one layer per tick in pipelined mode: dL/da of the receiving layer, for
// its forward at `forward_tick`.
struct PipelineMessage {
    Vec upstream;
    std::int64_t forward_tick = 0;
    bool valid = false;
};

// The last kHistoryColumns columns of every layer's activations (the shown neurons) and attention effects,
// one every `stride` ticks.
struct ActivationHistory {
    std::vector<std::vector<int>> neurons;       // per layer, the neurons kept
    std::vector<std::vector<float>> columns;     // per layer, kHistoryColumns × neurons, a ring by column
    std::vector<std::vector<float>> effect;      // per layer, kHistoryColumns: the weights' attention effect
    std::vector<std::vector<float>> effect_bias; // ... and the bias's, in the same slots
    std::vector<std::uint64_t> ticks;            // the tick of each slot of the ring
    std::size_t next = 0, count = 0;             // the slot written next, and the slots filled
    std::uint64_t stride = 1, stride_from = 0;   // one column every stride ticks, since stride_from
};

struct StepNet::Impl {
    std::vector<Vec> input_ring;   // network input per tick, same depth as the layer rings
    std::vector<TickRing> rings;   // one per layer
    std::vector<int> input_labels; // label on the input per tick, same depth

    std::vector<Mat> grad_w; // what the optimizer was given at the last update
    std::vector<Vec> grad_b;
    // With attention on, the same gradient before the re-weighting, for the effect shown: a plain update's
    // weight gradient as its factors δ and x (raw_outer), which cost a tick far less to keep than δ xᵀ;
    // a batched or regularised one in raw_w.
    std::vector<Mat> raw_w;
    std::vector<Vec> raw_b;
    std::vector<Vec> raw_delta, raw_x;
    std::vector<char> raw_outer;
    std::vector<Mat> batch_w; // gradients summed over the batch being gathered, per layer
    std::vector<Vec> batch_b;
    std::vector<int> batched;   // how many are in it
    int scored_in_batch = 0;    // scored ticks since the schedule last advanced
    std::vector<Vec> factors_w; // gradient-attention factors of the last update, flattened like grad_w
    std::vector<Vec> factors_b;
    std::vector<Vec> delta;    // dL/dz per layer
    std::vector<Vec> upstream; // dL/da per layer
    Vec out_grad;              // dL/da of the output (mse)
    SoftmaxNorm output_norm;   // of the output softmax this tick, for cross-entropy

    std::vector<PipelineMessage> inbox, outbox; // pipelined: received this tick / sent for the next

    std::vector<int> slot_w, slot_b; // optimizer slots

    std::vector<std::uint8_t> hits; // rolling accuracy ring
    int hits_head = 0, hits_count = 0, hits_sum = 0;

    double loss_sum = 0.0; // since the last series sample
    std::uint64_t loss_count = 0;

    float test_loss = 0.f, test_accuracy = 0.f; // on the evaluation set, at test_tick
    std::uint64_t test_tick = 0;
    std::uint64_t samples_to_test = 0; // series samples before the next evaluation (0: at the next one)

    std::vector<Mat> good_w; // last good state
    std::vector<Vec> good_b;
    float good_lr = 0.f;

    std::vector<Vec> eval_z, eval_a;                    // settled forward
    Vec plane_point;                                    // the decision map's probe input
    DecisionMap decision;                               // the latest decision map, copied into every snapshot
    int fills_since_decision = StepNet::kDecisionEvery; // so that the first fill computes one
    std::uint64_t last_fill_tick = 0;

    QueuedTarget last_scored{};
    bool has_scored = false;
    bool scored_last_tick = false; // did the last tick score a target (the queue was full)

    std::vector<Connection> connection_scratch; // candidates for the Network panel's lines, at publish

    ActivationHistory history;
};

} // namespace phasor
