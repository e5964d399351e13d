// The stepped network's FamilyUi (stepnet_ui.hpp).
#include "ui/panels/stepnet/stepnet_ui.hpp"

#include "engine/stepnet/stepnet_view.hpp"
#include "ui/panels/panel_style.hpp"
#include "ui/panels/stepnet/activations_panel.hpp"
#include "ui/panels/stepnet/attention_panel.hpp"
#include "ui/panels/stepnet/decision_panel.hpp"
#include "ui/panels/stepnet/delay_queue_panel.hpp"
#include "ui/panels/stepnet/network_panel.hpp"
#include "ui/panels/stepnet/network_shape.hpp"

#include <array>
#include <cmath>
#include <fmt/format.h>

namespace phasor::ui {

namespace {

// Controls down the left; network, metrics and decision map on top; activations, delay queue and attention
// below.
constexpr std::array<PanelPlace, 7> kLayout{{
    {"Controls", 0.00f, 0.0f, 0.22f, 1.0f},
    {"Network", 0.22f, 0.0f, 0.30f, 0.5f},
    {"Metrics", 0.52f, 0.0f, 0.26f, 0.5f},
    {"Activations", 0.22f, 0.5f, 0.30f, 0.5f},
    {"Delay queue", 0.52f, 0.5f, 0.26f, 0.5f},
    {"Gradient attention", 0.78f, 0.5f, 0.22f, 0.5f},
    {"Decision map", 0.78f, 0.0f, 0.22f, 0.5f},
}};

// The presenter stage: the live controls on the left, one or two large pictures beside them.
constexpr std::array<PanelPlace, 3> kLearningStage{{
    {"Controls", 0.00f, 0.0f, 0.26f, 1.0f},
    {"Network", 0.26f, 0.0f, 0.74f, 0.58f},
    {"Metrics", 0.26f, 0.58f, 0.74f, 0.42f},
}};
constexpr std::array<PanelPlace, 3> kPlaneStage{{
    {"Controls", 0.00f, 0.0f, 0.26f, 1.0f},
    {"Decision map", 0.26f, 0.0f, 0.42f, 1.0f},
    {"Metrics", 0.68f, 0.0f, 0.32f, 1.0f},
}};
constexpr std::array<PanelPlace, 3> kPipelineStage{{
    {"Controls", 0.00f, 0.0f, 0.26f, 1.0f},
    {"Network", 0.26f, 0.0f, 0.74f, 0.55f},
    {"Delay queue", 0.26f, 0.55f, 0.74f, 0.45f},
}};
constexpr std::array<PanelPlace, 3> kAttentionStage{{
    {"Controls", 0.00f, 0.0f, 0.26f, 1.0f},
    {"Gradient attention", 0.26f, 0.0f, 0.44f, 1.0f},
    {"Metrics", 0.70f, 0.0f, 0.30f, 1.0f},
}};
constexpr std::array<StageView, 4> kStage{{
    {"Learning", "The network and its learning curve", kLearningStage},
    {"Plane", "What the network predicts over the plane (2-D tasks)", kPlaneStage},
    {"Pipeline", "A signal moving layer by layer, and the targets waiting for it", kPipelineStage},
    {"Attention", "How gradient attention re-weights the updates", kAttentionStage},
}};

std::vector<std::unique_ptr<Panel>> make_panels() {
    std::vector<std::unique_ptr<Panel>> panels;
    panels.push_back(std::make_unique<NetworkPanel>());
    panels.push_back(std::make_unique<ActivationsPanel>());
    panels.push_back(std::make_unique<DelayQueuePanel>());
    panels.push_back(std::make_unique<AttentionPanel>());
    panels.push_back(std::make_unique<DecisionPanel>());
    return panels;
}

void hover_tip(const char* text) {
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text);
}

float field_width() {
    return std::min(ImGui::GetFontSize() * 6.f, ImGui::GetContentRegionAvail().x * 0.35f);
}

void set(PanelContext& context, std::string_view key, ParamValue value) {
    context.commands.post(SetParam{std::string(key), std::move(value)});
}

// The field holds the rate as set; the schedule moves the rate in use, which x0.5 and x2 act on and the line
// below shows while it differs.
void learning_rate(const ParamSpec& row, PanelContext& context, ParamFields& fields) {
    fields.draw(row, context, field_width());
    const float now = context.snapshot.metric("lr");
    if (!std::isfinite(now)) return;
    same_line_if_fits(small_buttons_width({"x0.5", "x2"}));
    if (ImGui::SmallButton("x0.5")) set(context, row.key, now * 0.5f);
    hover_tip("Halve the rate in use now");
    ImGui::SameLine();
    if (ImGui::SmallButton("x2")) set(context, row.key, now * 2.f);
    hover_tip("Double the rate in use now");
    const ParamValue* given = context.snapshot.param(row.key);
    if (given && std::holds_alternative<float>(*given) && std::get<float>(*given) != now) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("in use now: %.4g (the schedule moves it)", static_cast<double>(now));
        ImGui::PopStyleColor();
    }
}

void delay_depth(const ParamSpec& row, PanelContext& context, ParamFields& fields) {
    const StepNetView* view = context.snapshot.payload_as<StepNetView>();
    if (!view) {
        fields.draw(row, context, field_width());
        return;
    }
    fields.draw(row, context, field_width(), fmt::format("auto ({})", view->pipeline_lag));
    same_line_if_fits(small_buttons_width({"-##depth", "+##depth", "Align"}));
    // A button that could only be refused is disabled: nothing below 0 or above the queue's capacity.
    ImGui::BeginDisabled(view->delay_depth <= static_cast<int>(row.range.lo));
    if (ImGui::SmallButton("-##depth")) set(context, row.key, std::int64_t{view->delay_depth} - 1);
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(view->delay_depth >= static_cast<int>(row.range.hi));
    if (ImGui::SmallButton("+##depth")) set(context, row.key, std::int64_t{view->delay_depth} + 1);
    ImGui::EndDisabled();
    ImGui::SameLine();
    const ParamValue* depth = context.snapshot.param(row.key);
    ImGui::BeginDisabled(depth && std::holds_alternative<std::monostate>(*depth));
    if (ImGui::SmallButton("Align")) set(context, row.key, std::monostate{});
    ImGui::EndDisabled();
    hover_tip("Set the delay depth back to auto, the pipeline lag: the only depth that scores each output "
              "against its own input's target, whatever the layers.");
    ImGui::PushStyleColor(ImGuiCol_Text, view->aligned ? kGoodColor : kWarningColor);
    ImGui::TextWrapped("depth %d: %s (pipeline lag %d)", view->delay_depth,
                       view->aligned ? "aligned" : "not aligned", view->pipeline_lag);
    ImGui::PopStyleColor();
}

// The held-out size where the task has one, then what the accuracy is measured on, named for what it is: a
// pattern task has nothing held out, so its "accuracy" is on the patterns it trains on.
void test_points(const ParamSpec& row, PanelContext& context, ParamFields& fields) {
    fields.draw(row, context);
    const StepNetView* view = context.snapshot.payload_as<StepNetView>();
    if (!view || view->evaluation.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    if (view->held_out)
        ImGui::TextWrapped("Scored on %d held-out samples, drawn apart from the training data.",
                           view->evaluation_size);
    else
        ImGui::TextWrapped("Scored on the training patterns themselves: nothing is held out, so the accuracy "
                           "shown is the %s.",
                           view->evaluation.c_str());
    ImGui::PopStyleColor();
}

bool draw_param(const ParamSpec& row, PanelContext& context, ParamFields& fields) {
    if (row.key == "network.layers") return draw_network_shape(row, context, fields);
    // The shape editor draws the activations with the layers, when it can.
    if (row.key == "network.activations") return network_shape(context.snapshot).has_value();
    if (row.key == "task.test_points") {
        test_points(row, context, fields);
        return true;
    }
    if (row.key == "train.lr") {
        learning_rate(row, context, fields);
        return true;
    }
    if (row.key == "train.delay_depth") {
        delay_depth(row, context, fields);
        return true;
    }
    return false;
}

} // namespace

const FamilyUi& stepnet_ui() {
    static const FamilyUi ui{
        .family = "stepnet",
        .make_panels = make_panels,
        .layout = kLayout,
        .stage = kStage,
        .draw_param = draw_param,
    };
    return ui;
}

} // namespace phasor::ui
