// The race panels' test fixture: a headless ImGui, a snapshot whose RulesView the test fills by hand (four
// variants racing on the same stream, the engine is not needed to check what the panels make of one), the
// plots a frame drew and their exports.
#pragma once
#include "engine/rules/rules_view.hpp"
#include "ui/plot/text_export.hpp"
#include "ui_panels/payload_panels_test.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <memory>
#include <string>

namespace phasor::ui::testing {

inline constexpr int kPoints = 40;         // history points per variant
inline constexpr int kFirstEvaluation = 5; // test accuracy is NaN before this point
inline constexpr float kSamplesPerPoint = 500.f;
inline constexpr std::int64_t kConnections = 784 * 128 + 128 * 10;

// The longest `differs`, too long for a legend entry or the table's column at 900 pixels.
inline const char* const kLongDiffers =
    "train.rule = threshold, rule.threshold = 0.05, train.optimizer = lion, "
    "train.lr = 0.0003, train.accumulate = 4, train.bf16 = true";

// Four variants: the base (backprop, SGD), a threshold rule that updates 5 % of its weights, Adam, and one
// that sets a long list of parameters. Each learns at its own pace towards its own accuracy; the threshold
// variant ends best (0.883, Adam 0.878). Evaluations every 5 points from point 5; test accuracy holds its
// latest value in between.
inline RulesView rules_view() {
    RulesView v;
    v.layer_names = {"784→128", "128→10"};
    v.layer_connections = {785 * 128, 129 * 10};
    v.samples = static_cast<std::uint64_t>(kPoints * kSamplesPerPoint);
    v.epoch = 1;
    v.data_source = "Fashion-MNIST (test)";
    struct Spec {
        const char* name;
        const char* differs;
        const char* rule;
        const char* optimizer;
        float top, pace, fired;
    };
    const Spec specs[] = {
        {"base", "", "backprop", "sgd", 0.86f, 6000.f, 1.f},
        {"threshold", "train.rule = threshold, rule.threshold = 0.02", "threshold", "sgd", 0.905f, 5000.f,
         0.05f},
        {"adam", "train.optimizer = adam", "backprop", "adam", 0.88f, 3000.f, 1.f},
        {"sparse-lion", kLongDiffers, "threshold", "lion", 0.70f, 9000.f, 0.01f},
    };
    for (const Spec& s : specs) {
        VariantView x;
        x.name = s.name;
        x.differs = s.differs;
        x.rule = s.rule;
        x.optimizer = s.optimizer;
        VariantHistory& h = x.history;
        float accuracy = NAN;
        for (int i = 0; i < kPoints; ++i) {
            const float samples = kSamplesPerPoint * static_cast<float>(i + 1);
            const float learnt = 1.f - std::exp(-samples / s.pace);
            h.samples.push_back(samples);
            h.loss.push_back(2.3f * (1.f - learnt) + 0.3f);
            h.train_accuracy.push_back(0.1f + (s.top + 0.02f - 0.1f) * learnt);
            if (i >= kFirstEvaluation && i % 5 == 0) accuracy = 0.1f + (s.top - 0.1f) * learnt;
            h.test_accuracy.push_back(accuracy);
            h.weight_updates.push_back(samples * static_cast<float>(kConnections) * s.fired);
        }
        x.loss = h.loss.back();
        x.train_accuracy = h.train_accuracy.back();
        x.test_accuracy = h.test_accuracy.back();
        x.weight_updates = static_cast<std::int64_t>(h.weight_updates.back());
        x.notifications = x.weight_updates / 4;
        x.fired_fraction = s.fired;
        x.samples_per_second = 12000.0 / (1.0 + std::log10(1.0 / s.fired));
        x.memory_bytes = 4 * kConnections * (x.optimizer == "sgd" ? 2 : 4);
        v.variants.push_back(std::move(x));
    }
    return v;
}

// How many points of `y` are finite.
inline std::size_t finite_points(const std::vector<float>& y) {
    std::size_t n = 0;
    for (float value : y) n += std::isfinite(value);
    return n;
}

using RacePanelsTest = PayloadPanelsTest<RulesView>;

// Whether a tooltip is open in the last frame.
inline bool tooltip() {
    const ImGuiWindow* w = ImGui::FindWindowByName("##Tooltip_00");
    return w != nullptr && w->Active;
}

inline std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1))
        ++n;
    return n;
}

} // namespace phasor::ui::testing
