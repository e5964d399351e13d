// What the stepped network publishes for its panels (the snapshot's payload): each layer's buffers this tick,
// the connections the Network panel draws, the gradient-attention factors, the delay queue and the decision
// map. Sized when the network is built; bounded for wide layers (the strongest connections, pooled factors).
#pragma once
#include "engine/telemetry/snapshot.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace phasor {

// A weight the Network panel draws: from input `from` to output `to` of its layer.
struct Connection {
    std::int32_t from = 0, to = 0;
    float weight = 0.f;
};

struct LayerView {
    int in = 0, out = 0;
    std::string activation;
    std::vector<float> pre; // z, this tick
    std::vector<float> act; // a, this tick
    // The weights worth a line: |w| at least kDrawnShare of the layer's largest (a larger share on dense
    // layers), at most kMaxConnections of them, strongest first when there are more.
    std::vector<Connection> connections;
    float largest_weight = 0.f; // max |w| of the whole layer, the scale the lines are drawn against
    // Gradient-attention factors of the last weight update, shaped like the weights (row = output neuron)
    // but averaged over blocks of factor_block × factor_block when the layer is wider than kMaxFactorSide.
    int factor_rows = 0, factor_cols = 0, factor_block = 1;
    std::vector<float> factors;
    std::vector<float> factor_histogram; // counts of all the layer's weight factors in kFactorBins equal bins
    float factor_min = 0.f, factor_max = 0.f; // ... over [factor_min, factor_max], the factors' own range
                                              // (all in the first bin when they are equal)
    std::vector<float> attention_b;           // factors of the bias update
    // How much attention changed this layer's last update: ‖G′ − G‖ / ‖G‖, with G the gradient before the
    // re-weighting and G′ after (0 with attention off), for the weights and for the bias.
    float attention_effect = 0.f, attention_effect_bias = 0.f;
    int staleness = 0; // ticks between this layer's forward and its update (pipelined)
    // The layer's recent activations on a true time axis: StepNetView::history_ticks.size() columns, oldest
    // first, each history_neurons.size() activations (column c at [c·rows, (c+1)·rows)), one column every
    // history_stride ticks. Layers wider than kMaxHistoryNeurons show that many, evenly spaced.
    std::vector<int> history_neurons;
    std::vector<float> history;
    // attention_effect and attention_effect_bias at each column of that history (the same ticks, oldest
    // first), so a plot shows when attention acts and when it does nothing.
    std::vector<float> effect_history, effect_bias_history;
};

struct QueueSlot {
    int label = 0;
    std::uint64_t from_tick = 0; // the tick whose input this target belongs to
};

// One layer's neurons pictured over the decision map's plane.
struct NeuronMaps {
    std::vector<int> neurons;  // which of the layer's neurons are pictured, ascending
    std::vector<float> values; // neurons.size() pictures of resolution² activations one after the other, each
                               // row-major with row 0 at y1 (top), as `predicted`
};

// The model's prediction over the input plane, for 2-D tasks (computed with the settled forward at publish).
struct DecisionMap {
    static constexpr int kNeuronResolution = 16;
    static constexpr std::size_t kMaxNeuronMaps = 64; // per layer; more neurons: kMaxNeuronMaps evenly spaced
    int resolution = 0;                               // cells per side; 0: the task is not 2-D
    // The plane covered: a square around all the points, training and held out, with a margin, so its cells
    // are square and a map drawn with equal aspect fills a square plot.
    float x0 = 0, x1 = 0, y0 = 0, y1 = 0;
    std::vector<float> predicted;  // resolution², row-major, row 0 at y1 (top): class index per cell
    std::vector<float> confidence; // the winning output's value: its probability with a softmax output
    std::vector<float> points_x, points_y; // the task's training points
    std::vector<int> points_label;
    // The held-out points the accuracy is measured on; none when the task scores its training points (xor).
    std::vector<float> test_points_x, test_points_y;
    std::vector<int> test_points_label;
    // Every hidden and output neuron's settled activation (the output's: its probability with softmax) at the
    // centres of a neuron_resolution² grid over the same plane [x0, x1] × [y0, y1], recomputed with the map;
    // one entry per layer, the first hidden layer first. neuron_resolution is 0 when the task is not 2-D.
    int neuron_resolution = 0;
    std::vector<NeuronMaps> neuron_maps;
};

// Where the learning-rate schedule stands.
struct ScheduleView {
    std::string kind;          // "constant", "exponential" or "step"
    float lr = 0.f;            // the rate in use
    float lr_set = 0.f;        // the rate set (train.lr, from the preset or live), where the decay began
    float floor = 0.f;         // train.floor
    std::uint64_t updates = 0; // updates the schedule has counted (one per train.batch scored ticks)
    std::int64_t updates_to_floor = -1; // until the rate reaches the floor; 0 at (or below) it; -1 never
                                        // (constant, a decay or gamma of 1, a floor of 0)
    float lr_after_1000 = 0.f;          // the rate 1,000 updates from now
};

struct StepNetView final : PayloadOf<StepNetView> {
    static constexpr std::size_t kMaxConnections = 1500;
    static constexpr float kDrawnShare = 0.02f; // of the largest |w|, for layers up to kDenseLayer weights
    static constexpr float kDenseDrawnShare = 0.25f; // for larger layers, whose faint lines would be a fog
    static constexpr std::size_t kDenseLayer = 600;
    static constexpr int kMaxFactorSide = 128;
    static constexpr std::size_t kFactorBins = 24;
    static constexpr std::size_t kHistoryColumns = 240;
    static constexpr std::size_t kMaxHistoryNeurons = 128;

    std::vector<float> input; // what is on the input this tick
    int input_label = 0;
    std::vector<LayerView> layers;

    std::string mode; // backward mode
    bool attention = true;
    float temperature = 1.f;
    int delay_depth = 0;
    int pipeline_lag = 0; // layer count − 1
    bool aligned = true;  // does the scored target belong to the input that produced the output
    // The queue holds fewer targets than the delay depth (after a build, a reset, another preset, a
    // divergence or a deeper delay set live): nothing is scored until it has refilled, so `aligned` is false
    // without anything being wrong.
    bool filling = false;
    std::vector<QueueSlot> queue; // oldest first
    int scored_label = -1;        // target scored this tick (-1: none yet)
    std::uint64_t scored_from_tick = 0;
    std::uint64_t history_bytes = 0; // memory held for aligned/pipelined backward

    // The activation history's time axis (the columns are in LayerView::history): the tick of each column,
    // oldest first (at most kHistoryColumns), and the ticks between columns now, which follows the pace the
    // run is shown at: 1 up to 60 ticks/s, the power of two nearest pace/60 above, and
    // StepNet::kFullSpeedStride at full speed. Columns taken before a change of stride keep their ticks;
    // history_stride_from is the first tick of the current stride.
    std::vector<std::uint64_t> history_ticks;
    std::uint64_t history_stride = 1;
    std::uint64_t history_stride_from = 0;

    DecisionMap decision;
    ScheduleView schedule;

    // What the `accuracy` headline, the per-class accuracy and the test_loss channel are measured on: a
    // held-out set (2-D tasks, lowhighmix_noisy), or, for the finite pattern tasks (lowhighmix, xor,
    // parity4), the training patterns themselves, which have nothing held out.
    bool held_out = true;
    int evaluation_size = 0; // samples in that set
    std::string
        evaluation; // how to name the accuracy: "held-out accuracy" or "accuracy on the 6 training patterns"
    float test_loss = 0.f;       // the latest test_loss (mean loss of the settled forward over that set)
    float test_accuracy = 0.f;   // and the accuracy found with it
    std::uint64_t test_tick = 0; // the tick they were computed at
};

} // namespace phasor
