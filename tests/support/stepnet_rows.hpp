// One entry per row of the stepped network's parameter table: a value other than the default (and the context
// it needs to matter), a value the row refuses, and what the change governs. The per-row tests
// (tests/stepnet, tests/cli) walk this list, and a guard test fails when the table has a row this list lacks.
#pragma once
#include <string_view>
#include <utility>
#include <vector>

namespace phasor::testing {

enum class Effect {
    Weights,         // the trained weights differ after the same ticks with the same seed
    RollingAccuracy, // the rolling accuracy (series channel and headline) differs; the weights do not
    SeriesSamples,   // the number of series samples differs; the weights do not
    Evaluation, // what the held-out accuracy and the test loss are measured on differs; the weights do not
    RunLength,  // `ticks`: how long `phasor run` trains (checked through the binary)
    Pace,       // `speed`: how fast the trainer runs it (the trained weights are the same at any pace)
    Label,      // name, description: describe the experiment, change nothing that runs
};

struct RowCase {
    std::string_view key;
    std::string_view alternative; // TOML text of a value other than the one in `context` (or the default)
    std::string_view bad;         // TOML text of a value the row refuses
    Effect effect;
    // Parameters the change needs to matter (a 2-D task for the points and noise, the step schedule for
    // gamma), as (key, TOML text).
    std::vector<std::pair<std::string_view, std::string_view>> context = {};
};

inline const std::vector<RowCase>& stepnet_row_cases() {
    // A 2-D task on a network that fits it.
    using Context = std::vector<std::pair<std::string_view, std::string_view>>;
    static const Context plane{{"task.name", "\"spirals\""}, {"network.layers", "[2, 8, 8, 2]"}};
    // The optimizer whose hyper-parameters the row sets.
    static const Context adamw{{"train.optimizer", "\"adamw\""}};
    static const std::vector<RowCase> cases{
        {"name", "\"renamed\"", "5", Effect::Label},
        {"description", "\"another description\"", "[1]", Effect::Label},
        {"seed", "7", "-1", Effect::Weights},
        {"ticks", "1234", "0", Effect::RunLength},
        {"speed", "250.0", "-1", Effect::Pace},
        {"task.name", "\"circles\"", "\"mnist\"", Effect::Weights, plane},
        {"task.hold_ticks", "3", "0", Effect::Weights},
        {"task.noise", "0.3", "-0.5", Effect::Weights, plane},
        {"task.points", "50", "0", Effect::Weights, plane},
        {"task.test_points", "50", "0", Effect::Evaluation, plane},
        {"network.layers", "[4, 16, 16, 3]", "[4, 0, 3]", Effect::Weights},
        {"network.activations", "[\"tanh\", \"tanh\", \"softmax\"]", "[\"relu\", \"tahn\", \"softmax\"]",
         Effect::Weights},
        {"network.loss", "\"mse\"", "\"hinge\"", Effect::Weights},
        {"network.init", "\"xavier\"", "\"zeros\"", Effect::Weights},
        {"train.optimizer", "\"adamw\"", "\"adam\"", Effect::Weights},
        {"train.lr", "0.05", "0", Effect::Weights},
        {"train.delay_depth", "0", "1025", Effect::Weights},
        {"train.batch", "4", "0", Effect::Weights},
        {"train.l2", "0.01", "-1", Effect::Weights},
        {"train.l1", "0.001", "-0.5", Effect::Weights},
        {"train.attention", "false", "\"maybe\"", Effect::Weights},
        {"train.schedule", "\"constant\"", "\"cosine\"", Effect::Weights},
        {"train.decay", "0.99", "1.5", Effect::Weights},
        {"train.step_every",
         "5",
         "0",
         Effect::Weights,
         {{"train.schedule", "\"step\""}, {"train.gamma", "0.5"}}},
        {"train.gamma",
         "0.1",
         "0",
         Effect::Weights,
         {{"train.schedule", "\"step\""}, {"train.step_every", "200"}}},
        {"train.floor", "0.015", "-1", Effect::Weights},
        {"train.temperature", "5.0", "0", Effect::Weights},
        {"train.backward", "\"pipelined\"", "\"sideways\"", Effect::Weights},
        {"train.momentum", "0.9", "1", Effect::Weights},
        {"train.weight_decay", "0.01", "-0.1", Effect::Weights},
        {"train.beta1", "0.5", "1", Effect::Weights, adamw},
        {"train.beta2", "0.9", "1.5", Effect::Weights, adamw},
        {"train.eps", "0.001", "0", Effect::Weights, adamw},
        {"train.rolling_window", "10", "0", Effect::RollingAccuracy},
        {"train.series_every", "10", "0", Effect::SeriesSamples},
    };
    return cases;
}

inline const RowCase* find_row_case(std::string_view key) {
    for (const RowCase& c : stepnet_row_cases())
        if (c.key == key) return &c;
    return nullptr;
}

} // namespace phasor::testing
