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
#include "ui/panels/stepnet/neuron_maps_panel.hpp"

#include <array>
#include <cmath>
#include <fmt/format.h>

namespace phasor::ui {

namespace {

// For a 2-D task: controls down the left; network, metrics and decision map on top; activations, delay
// queue and attention below. The Neurons share the delay queue's cell, whose status and slots need little
// height.
constexpr std::array<PanelPlace, 8> kPlaneLayout{{
    {"Controls", 0.00f, 0.0f, 0.22f, 1.0f},
    {"Network", 0.22f, 0.0f, 0.30f, 0.5f},
    {"Metrics", 0.52f, 0.0f, 0.26f, 0.5f},
    {"Activations", 0.22f, 0.5f, 0.30f, 0.5f},
    {"Delay queue", 0.52f, 0.5f, 0.26f, 0.22f},
    {"Gradient attention", 0.78f, 0.5f, 0.22f, 0.5f},
    {"Decision map", 0.78f, 0.0f, 0.22f, 0.5f},
    {"Neurons", 0.52f, 0.72f, 0.26f, 0.28f},
}};

// Any other task has no plane to picture: the metrics take the decision map's cell and the attention panel
// grows into the Neurons'.
constexpr std::array<PanelPlace, 6> kPatternLayout{{
    {"Controls", 0.00f, 0.0f, 0.22f, 1.0f},
    {"Network", 0.22f, 0.0f, 0.34f, 0.5f},
    {"Metrics", 0.56f, 0.0f, 0.44f, 0.5f},
    {"Activations", 0.22f, 0.5f, 0.34f, 0.5f},
    {"Delay queue", 0.56f, 0.5f, 0.18f, 0.5f},
    {"Gradient attention", 0.74f, 0.5f, 0.26f, 0.5f},
}};

// The task fixes the input size, so a 2-input network is a run on the plane.
bool on_the_plane(const Snapshot& snapshot) {
    const ParamValue* layers = snapshot.param("network.layers");
    const auto* sizes = layers ? std::get_if<std::vector<std::int64_t>>(layers) : nullptr;
    return sizes && !sizes->empty() && sizes->front() == 2;
}

constexpr std::array<Arrangement, 2> kLayouts{{
    {"plane", on_the_plane, kPlaneLayout},
    {"patterns", nullptr, kPatternLayout},
}};

// The presenter stage: the live controls on the left, one or two large pictures beside them.
constexpr std::array<PanelPlace, 3> kLearningStage{{
    {"Controls", 0.00f, 0.0f, 0.26f, 1.0f},
    {"Network", 0.26f, 0.0f, 0.74f, 0.52f},
    {"Metrics", 0.26f, 0.52f, 0.74f, 0.48f},
}};
constexpr std::array<PanelPlace, 4> kPlaneStage{{
    {"Controls", 0.00f, 0.0f, 0.26f, 1.0f},
    {"Decision map", 0.26f, 0.0f, 0.40f, 1.0f},
    {"Neurons", 0.66f, 0.0f, 0.34f, 0.6f},
    {"Metrics", 0.66f, 0.6f, 0.34f, 0.4f},
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
    {"Plane", "What the network and each of its neurons compute over the plane (2-D tasks)", kPlaneStage},
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
    panels.push_back(std::make_unique<NeuronMapsPanel>());
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

// "1 min 20 s", "45 s", "3 h": a duration a class reads at a glance.
std::string duration(double seconds) {
    if (seconds < 90.0) return fmt::format("{:.0f} s", std::max(seconds, 1.0));
    if (seconds < 3600.0) {
        const double whole = std::round(seconds);
        return fmt::format("{:.0f} min {:.0f} s", std::floor(whole / 60.0), std::fmod(whole, 60.0));
    }
    if (seconds < 48.0 * 3600.0) return fmt::format("{:.1f} h", seconds / 3600.0);
    return fmt::format("{:.0f} days", seconds / 86400.0);
}

// Where the schedule takes the rate from here: a teacher who sets 0.05 sees at once that it will decay back
// to the floor, and how soon at the speed the run goes now.
void schedule_outlook(const PanelContext& context, const ScheduleView& schedule) {
    char updates[32];
    const auto lr = [](float rate) { return static_cast<double>(rate); };
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::BeginGroup();
    if (schedule.lr != schedule.lr_set)
        wrapped_text(
            fmt::format("in use now: {:.4g} (decaying from {:.4g})", lr(schedule.lr), lr(schedule.lr_set)));
    if (schedule.kind == "constant") {
        wrapped_text("constant schedule: stays at this value");
    } else if (schedule.updates_to_floor == 0) {
        wrapped_text(fmt::format("at the floor {:.4g}, where it stays", lr(schedule.floor)));
    } else if (schedule.updates_to_floor < 0) {
        wrapped_text(fmt::format("{:.4g} after 1,000 more updates", lr(schedule.lr_after_1000)));
    } else {
        // One update per train.batch scored ticks; the measured rate says how long that is now.
        const ParamValue* batch = context.snapshot.param("train.batch");
        const double ticks_per_update = batch && std::holds_alternative<std::int64_t>(*batch)
                                            ? static_cast<double>(std::get<std::int64_t>(*batch))
                                            : 1.0;
        const double ticks_per_second = context.snapshot.ticks_per_second;
        std::string when;
        if (context.snapshot.state == RunState::Running && ticks_per_second > 0.0)
            when = fmt::format(" (about {})", duration(static_cast<double>(schedule.updates_to_floor) *
                                                       ticks_per_update / ticks_per_second));
        compact_number(static_cast<double>(schedule.updates_to_floor), updates);
        // On the stage, the one fact a class needs: when the rate is back at the floor.
        if (context.presenter)
            wrapped_text(fmt::format("the floor {:.4g} in {} updates{}", lr(schedule.floor), updates, when));
        else
            wrapped_text(fmt::format("{:.4g} after 1,000 more updates; the floor {:.4g} in {} updates{}",
                                     lr(schedule.lr_after_1000), lr(schedule.floor), updates, when));
    }
    ImGui::EndGroup();
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "The %s schedule moves the rate after every update (one per batch of scored ticks).\n"
            "A rate you set, or x0.5 / x2, is where it starts again from.",
            schedule.kind.c_str());
}

// The field holds the rate as set, where the schedule starts again from; x0.5 and x2 act on the rate in use,
// and the lines below say where the schedule takes it.
void learning_rate(const ParamSpec& row, PanelContext& context, ParamFields& fields) {
    fields.draw(row, context, field_width());
    const float now = context.snapshot.metric("lr");
    if (!std::isfinite(now)) return;
    same_line_if_fits(small_buttons_width({"x0.5", "x2"}));
    if (ImGui::SmallButton("x0.5")) set(context, row.key, now * 0.5f);
    hover_tip("Halve the rate in use now; the schedule starts again from the new rate");
    ImGui::SameLine();
    if (ImGui::SmallButton("x2")) set(context, row.key, now * 2.f);
    hover_tip("Double the rate in use now; the schedule starts again from the new rate");
    if (const StepNetView* view = context.snapshot.payload_as<StepNetView>())
        schedule_outlook(context, view->schedule);
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
    // A refilling queue scores nothing, so it is not aligned yet without anything being wrong.
    if (view->filling) {
        ImGui::TextWrapped("depth %d: filling, %d of %d targets queued (pipeline lag %d)", view->delay_depth,
                           static_cast<int>(view->queue.size()), view->delay_depth, view->pipeline_lag);
        return;
    }
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
        .layouts = kLayouts,
        .stage = kStage,
        .draw_param = draw_param,
    };
    return ui;
}

} // namespace phasor::ui
