// Delay queue panel (delay_queue_panel.hpp). Slots are drawn as boxes with the draw list; the occupancy goes
// through the plot layer so it can be exported.
#include "ui/panels/stepnet/delay_queue_panel.hpp"

#include "ui/panels/panel_style.hpp"

#include <algorithm>
#include <cstdio>

namespace phasor::ui {

namespace {

constexpr std::size_t kMaxBoxes = 96; // a deep queue shows its oldest and newest slots around a gap

// One target drawn as a box in its class colour; returns the box's right edge.
float draw_box(ImDrawList& draw, ImVec2 at, ImVec2 size, const Snapshot& snap, int label, std::uint64_t from,
               bool highlight) {
    const float font = ImGui::GetFontSize();
    const std::vector<plot::Rgba>& classes = plot::colormap_table(plot::Colormap::Classes);
    const plot::Rgba fill = classes.empty() ? plot::rgba(200, 200, 200)
                                            : classes[static_cast<std::size_t>(label) % classes.size()];
    const ImVec2 end(at.x + size.x, at.y + size.y);
    draw.AddRectFilled(at, end, (fill & 0x00FFFFFFu) | 0xC0000000u, font * 0.2f);
    draw.AddRect(at, end, highlight ? IM_COL32(255, 255, 255, 255) : IM_COL32(0, 0, 0, 140), font * 0.2f, 0,
                 highlight ? font * 0.15f : 1.f);
    char name[64], line[32];
    class_name(snap, label, name);
    std::snprintf(line, sizeof line, "t%llu", static_cast<unsigned long long>(from));
    const ImU32 ink = IM_COL32(20, 20, 20, 255);
    draw.PushClipRect(at, end, true);
    draw.AddText(ImVec2(at.x + font * 0.3f, at.y + font * 0.2f), ink, name);
    draw.AddText(ImVec2(at.x + font * 0.3f, at.y + font * 1.2f), ink, line);
    draw.PopClipRect();
    return end.x;
}

} // namespace

void DelayQueuePanel::draw(PanelContext& context) {
    const StepNetView* view = context.snapshot.payload_as<StepNetView>();
    if (!view || view->layers.empty()) {
        ImGui::TextDisabled("No run yet: waiting for the first snapshot.");
        return;
    }
    draw_alignment(*view);
    draw_recovery_hint(context, *view);
    ImGui::Spacing();
    draw_slots(context.snapshot, *view);
    ImGui::Spacing();

    if (occupancy_.id.empty()) {
        occupancy_.id = "delay_queue_occupancy";
        occupancy_.title = "Queue occupancy";
        occupancy_.x.label = "tick";
        occupancy_.y.label = "targets waiting";
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

void DelayQueuePanel::draw_alignment(const StepNetView& snap) const {
    const float font = ImGui::GetFontSize();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float r = font * 0.45f;
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(at.x + r, at.y + font * 0.5f), r,
                                                ImGui::GetColorU32(snap.aligned ? kGoodColor : kErrorColor));
    ImGui::Dummy(ImVec2(r * 2.f, font));
    ImGui::SameLine();
    ImGui::TextColored(snap.aligned ? kGoodColor : kErrorColor, "%s: delay depth %d, pipeline lag %d",
                       snap.aligned ? "Aligned" : "Not aligned", snap.delay_depth, snap.pipeline_lag);
    if (snap.scored_label < 0)
        ImGui::TextWrapped("No target scored yet: the queue is still filling.");
    else if (snap.delay_depth == snap.pipeline_lag)
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

void DelayQueuePanel::draw_slots(const Snapshot& snapshot, const StepNetView& snap) const {
    const float font = ImGui::GetFontSize();
    // Wide enough for the longest "t<tick>" a slot can hold (the current tick), which grows as the run goes
    // on.
    char widest[32];
    std::snprintf(widest, sizeof widest, "t%llu", static_cast<unsigned long long>(snapshot.tick));
    const ImVec2 box(std::max(font * 5.f, ImGui::CalcTextSize(widest).x + font * 0.8f), font * 2.4f);
    const float gap = font * 0.4f;
    ImDrawList& draw = *ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float right = origin.x + std::max(ImGui::GetContentRegionAvail().x, box.x * 3.f);
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    const ImU32 dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);

    // The scored target first: it is the one that just left the oldest end.
    draw.AddText(origin, dim, "scored");
    ImVec2 at(origin.x, origin.y + font * 1.2f);
    if (snap.scored_label >= 0)
        draw_box(draw, at, box, snapshot, snap.scored_label, snap.scored_from_tick, true);
    else
        draw.AddRect(at, ImVec2(at.x + box.x, at.y + box.y), dim, font * 0.2f);
    draw.AddText(ImVec2(at.x + box.x + gap, at.y + font * 0.7f), dim, "<-");

    const float start = at.x + box.x + gap * 2.f + ImGui::CalcTextSize("<-").x;
    char line[64];
    std::snprintf(line, sizeof line, "waiting: %zu (oldest first)", snap.queue.size());
    draw.AddText(ImVec2(start, origin.y), dim, line);

    const std::size_t n = snap.queue.size();
    const std::size_t shown = std::min(n, kMaxBoxes);
    float x = start, y = at.y;
    for (std::size_t k = 0; k < shown; ++k) {
        // Beyond kMaxBoxes the middle of the queue is skipped, keeping its two ends.
        const std::size_t i = (n > kMaxBoxes && k >= kMaxBoxes / 2) ? n - (shown - k) : k;
        if (x + box.x > right && x > start) {
            x = start;
            y += box.y + gap;
        }
        if (n > kMaxBoxes && k == kMaxBoxes / 2) {
            std::snprintf(line, sizeof line, "... %zu more ...", n - kMaxBoxes);
            draw.AddText(ImVec2(x, y + font * 0.7f), text, line);
            x += ImGui::CalcTextSize(line).x + gap;
            if (x + box.x > right) {
                x = start;
                y += box.y + gap;
            }
        }
        x = draw_box(draw, ImVec2(x, y), box, snapshot, snap.queue[i].label, snap.queue[i].from_tick, false) +
            gap;
    }
    if (n == 0)
        draw.AddText(ImVec2(start, at.y + font * 0.7f), dim, "(empty)");
    else
        draw.AddText(ImVec2(x, y + font * 0.7f), dim, "<- newest");
    ImGui::Dummy(ImVec2(right - origin.x, y + box.y - origin.y + gap));
}

} // namespace phasor::ui
