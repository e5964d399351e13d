// Delay queue panel (delay_queue_panel.hpp). The alignment is text; the slots (a drawing) and the occupancy
// go through the plot layer so they can be exported.
#include "ui/panels/stepnet/delay_queue_panel.hpp"

#include "ui/panels/panel_style.hpp"

#include <algorithm>

namespace phasor::ui {

void DelayQueuePanel::draw(PanelContext& context) {
    const StepNetView* view = context.snapshot.payload_as<StepNetView>();
    if (!view || view->layers.empty()) {
        ImGui::TextDisabled("No run yet: waiting for the first snapshot.");
        return;
    }
    draw_alignment(*view);
    draw_recovery_hint(context, *view);
    ImGui::Spacing();
    draw_slots(context, *view);
    ImGui::Spacing();

    if (occupancy_.id.empty()) {
        occupancy_.id = "delay_queue_occupancy";
        occupancy_.title = "Queue occupancy";
        occupancy_.x.label = "tick";
        occupancy_.y.label = "targets waiting";
        occupancy_.x.whole = occupancy_.y.whole = occupancy_.y.from_zero = true;
        occupancy_.lines.push_back({"occupancy", plot::series_color(0), nullptr});
    }
    occupancy_.lines.front().data = context.history.series("queue_occupancy");
    occupancy_.markers = &context.history.markers();
    const float font = ImGui::GetFontSize();
    const float height = std::clamp(ImGui::GetContentRegionAvail().y, font * 10.f, font * 16.f);
    context.plots.show(occupancy_, occupancy_view_, ImVec2(ImGui::GetContentRegionAvail().x, height));
}

// Training on misaligned targets can push a network into saturation from which aligning again does not bring
// it back (parity stays at chance): say so, and what to do, once the depth is right again but the run is not.
void DelayQueuePanel::draw_recovery_hint(const PanelContext& context, const StepNetView& view) const {
    if (!view.aligned) return;
    const auto& log = context.history.log();
    const bool realigned = std::any_of(log.begin(), log.end(), [&](const Change& c) {
        return c.run == context.snapshot.run && c.key == "train.delay_depth";
    });
    const float accuracy = context.snapshot.metric("rolling_accuracy");
    if (!realigned || !(accuracy < 0.9f)) return;
    ImGui::PushStyleColor(ImGuiCol_Text, kWarningColor);
    ImGui::TextWrapped(
        "The depth was changed during this run. If the accuracy does not come back now that it "
        "is aligned, the weights learnt the wrong targets: Reset starts new ones with these "
        "settings.");
    ImGui::PopStyleColor();
}

// While the queue refills (after a build, a reset, a divergence, a deeper delay) nothing is scored, so
// `aligned` is false without anything being wrong: that is said in neutral colours, with the progress.
void DelayQueuePanel::draw_alignment(const StepNetView& snap) const {
    const ImVec4 colour = snap.filling   ? ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled)
                          : snap.aligned ? kGoodColor
                                         : kErrorColor;
    const float font = ImGui::GetFontSize();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float r = font * 0.45f;
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(at.x + r, at.y + font * 0.5f), r,
                                                ImGui::GetColorU32(colour));
    ImGui::Dummy(ImVec2(r * 2.f, font));
    ImGui::SameLine();
    if (snap.filling)
        ImGui::TextWrapped(
            "Filling: %d of %d targets queued; scoring starts when it is full (delay depth %d, "
            "pipeline lag %d).",
            static_cast<int>(snap.queue.size()), snap.delay_depth, snap.delay_depth, snap.pipeline_lag);
    else {
        ImGui::PushStyleColor(ImGuiCol_Text, colour);
        ImGui::TextWrapped("%s: delay depth %d, pipeline lag %d", snap.aligned ? "Aligned" : "Not aligned",
                           snap.delay_depth, snap.pipeline_lag);
        ImGui::PopStyleColor();
    }
    if (snap.delay_depth == snap.pipeline_lag)
        ImGui::TextWrapped(
            "A target waits as many ticks as its input takes to reach the output, so each output "
            "is scored against the target of the input that produced it.");
    else if (snap.delay_depth < snap.pipeline_lag)
        ImGui::TextWrapped("Targets leave the queue before their input reaches the output: each output is "
                           "scored against a newer input's target (%d ticks too early).",
                           snap.pipeline_lag - snap.delay_depth);
    else
        ImGui::TextWrapped(
            "Targets wait longer than the input takes to reach the output: each output is scored "
            "against an older input's target (%d ticks too late).",
            snap.delay_depth - snap.pipeline_lag);
}

void DelayQueuePanel::draw_slots(PanelContext& context, const StepNetView& view) {
    const ImFont* font = ImGui::GetFont();
    if (font == nullptr) return;
    slots_.set(&view, context.snapshot.class_names, context.snapshot.tick);
    if (slots_plot_.id.empty()) {
        slots_plot_.id = "delay_queue_slots"; // no title: the picture labels itself
        slots_plot_.drawing = &slots_;
    }
    // Sized as the screen draws it (render() uses the current font at its own size), one row per line of
    // slots.
    plot::DrawStyle style;
    style.font_size = font->FontSize;
    const float width = std::max(ImGui::GetContentRegionAvail().x, font->FontSize * 16.f);
    context.plots.show(slots_plot_, slots_view_,
                       ImVec2(width, slots_.height(width, style, FontMeasure(*font))));
}

} // namespace phasor::ui
