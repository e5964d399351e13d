// What the decoupled-components family publishes to its panels each snapshot: the component graph (nodes
// with their figures, edges with their queues and delays), short histories for the curves, and the latest
// messages for the timeline. Filled between releases, with every component parked.
#pragma once
#include "engine/telemetry/snapshot.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace phasor {

// How a component runs now; a live parameter (`components.state`) sets it.
enum class ComponentState { Run, Pause, Kill };

struct MachNodeView {
    std::string name;
    ComponentState state = ComponentState::Run;
    bool has_loss = false; // a head, or a k-graph component (each has its own readout)
    std::uint64_t steps = 0, updates = 0;
    float steps_per_second = 0.f; // over about the last second
    float speed_cap = 0.f;        // steps/s, 0: none
    std::uint64_t real_batches = 0, synthetic_batches = 0;
    // Test accuracy with the real inputs from its children, and with its synthetic inputs in their place (the
    // latest scoring: 1,000 test images at each series sample, all of them at most once a second; NaN for a
    // component with neither a loss nor children).
    float accuracy = 0.f, accuracy_synthetic = 0.f;
    float loss = 0.f;            // its last training loss (NaN without one)
    float synthetic_error = 0.f; // its synthetic inputs' last relative squared error (NaN without children)
    // Cosine between the last gradient signal it applied (a delayed Grad, or a synthetic gradient) and the
    // true gradient for the same samples through the current network (NaN: not measured yet, or a pure head).
    float gradient_cosine = 0.f;
    std::uint64_t grads_applied = 0, grads_lost = 0;
    float delay_mean = 0.f;
    int delay_p95 = 0, delay_max = 0;
};

// One edge from a child to a parent: Spikes go child → parent, Grads come back.
struct MachEdgeView {
    int child = 0, parent = 0; // indices into nodes
    int spikes_queued = 0, grads_queued = 0, capacity = 0;
    std::uint64_t spikes_sent = 0, spikes_dropped = 0, grads_sent = 0, grads_dropped = 0;
    // Every message sent is received, dropped, merged into another or still queued.
    std::uint64_t spikes_received = 0, spikes_merged = 0, grads_received = 0, grads_merged = 0;
    float spike_rate = 0.f, grad_rate = 0.f;    // messages/s over about the last second
    float delay_mean = 0.f;                     // k of the gradients the child applied from this parent
    std::vector<std::uint32_t> delay_histogram; // kDelayBins bins of k, the last one k ≥ kDelayBins − 1
};

// A short history, one point per series sample, for the curves (at most kHistory points, oldest first; older
// points are thinned, every other one dropped, so the whole run stays in view).
struct MachHistory {
    std::vector<std::uint64_t> tick;
    std::vector<std::vector<float>> accuracy;           // [node][point], NaN for a node without a loss
    std::vector<std::vector<float>> accuracy_synthetic; // [node][point]
    std::vector<std::vector<float>> synthetic_error;    // [node][point], NaN for a node without children
    std::vector<std::vector<float>> gradient_cosine;    // [node][point], NaN where not measured
};

// A message as its receiver took it, for the timeline.
struct MachMark {
    int component = 0; // the receiver
    int from = 0;      // the sender
    bool grad = false; // a Grad (else a Spike)
    double time = 0.0; // seconds since the run started, when it was received
    float age = 0.f;   // seconds it waited in the queue
    int delay = 0;     // a Grad's k (receiver steps since its activation); 0 for a Spike
};

struct MachView : PayloadOf<MachView> {
    static constexpr int kDelayBins = 64;
    static constexpr int kHistory = 512;
    static constexpr int kMarks = 512; // the timeline keeps the latest this many messages in all

    std::string topology; // "backprop", "single", "sequence", "kgraph", "dni", "ddg"
    std::vector<MachNodeView> nodes;
    std::vector<MachEdgeView> edges;
    int headline = 0;                               // the node whose accuracy is the run's test_accuracy
    float accuracy = 0.f, accuracy_synthetic = 0.f; // the headline node's, over the whole test set
    double epochs = 0.0; // the headline node's samples over the training set's size
    double time = 0.0;   // seconds since the run started, now
    MachHistory history;
    std::vector<MachMark> marks; // oldest first
};

} // namespace phasor
