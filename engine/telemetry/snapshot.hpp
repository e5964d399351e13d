// The full picture of a run that the engine publishes for the UI about 60 times a second. Every vector is
// sized when the model is built, so filling a snapshot again copies and never allocates.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace phasor {

enum class RunState { Running, Paused, Diverged };

struct LayerView {
    int in = 0, out = 0;
    std::string activation;
    std::vector<float> pre;     // z, this tick
    std::vector<float> act;     // a, this tick
    std::vector<float> weights; // out × in, row-major (row = output neuron)
    std::vector<float> bias;    // out
    std::vector<float>
        attention_w; // gradient-attention factors of the last weight update, shaped like weights
    std::vector<float> attention_b; // ... and of the bias update
    int staleness = 0;              // ticks between this layer's forward and its update (pipelined mode)
};

struct QueueSlot {
    int label = 0;
    std::uint64_t from_tick = 0; // the tick whose input this target belongs to
};

struct EvalResult {
    float accuracy = 0.f;
    std::vector<float> per_class_accuracy;
    std::vector<int> per_class_count;
};

// The model's prediction over the input plane, for 2-D tasks (computed with the settled forward at publish).
struct DecisionMap {
    int resolution = 0;                   // cells per side; 0: the task is not 2-D
    float x0 = 0, x1 = 0, y0 = 0, y1 = 0; // the plane covered: the data's extent with a margin
    std::vector<float> predicted;         // resolution², row-major, row 0 at y1 (top): class index per cell
    std::vector<float> confidence;        // the winning output's value: its probability with a softmax output
    std::vector<float> points_x, points_y; // the task's training points
    std::vector<int> points_label;
};

struct Snapshot {
    std::uint64_t tick = 0;
    std::uint64_t sequence = 0; // increases with every publish
    RunState state = RunState::Paused;
    std::string mode; // backward mode name
    bool attention = true;
    float temperature = 1.f;
    float lr = 0.f;
    float loss = 0.f;             // loss of the last scored tick
    float rolling_accuracy = 0.f; // over the last rolling_window scored ticks
    float ticks_per_second = 0.f;

    std::vector<float> input; // what is on the input this tick
    int input_label = 0;
    std::vector<LayerView> layers;
    std::vector<std::string> class_names;

    int delay_depth = 0;
    int pipeline_lag = 0;         // layer count − 1
    bool aligned = true;          // does the scored target belong to the input that produced the output
    std::vector<QueueSlot> queue; // oldest first
    int scored_label = -1;        // target scored this tick (-1: none yet)
    std::uint64_t scored_from_tick = 0;
    std::uint64_t history_bytes = 0; // memory held for aligned/pipelined backward

    EvalResult eval; // held-out evaluation with the settled forward, refreshed at publish
    DecisionMap decision;
    std::string message; // the latest engine message (rejected command, divergence...), empty if none
};

} // namespace phasor
