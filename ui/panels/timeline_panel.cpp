// The replay of a recording and its Timeline panel (timeline_panel.hpp).
#include "ui/panels/timeline_panel.hpp"

#include "engine/core/error.hpp"
#include "ui/panels/panel_style.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <imgui.h>
#include <numeric>

namespace phasor::ui {

Replay::Replay(Recording recording, std::filesystem::path file)
    : recording_(std::move(recording)), file_(std::move(file)) {
    params_ = std::make_shared<const ParamSet>(recording_params(recording_, file_));
    try {
        script_ = parse_script(script_entries(recording_.changes), params_->table());
    } catch (const InputError& e) {
        throw InputError(fmt::format("{}: its changes do not replay: {}", file_.string(), e.what()));
    }
    lengths_ = run_lengths(recording_);
    exact_ = replays_exactly(*params_);
}

ScriptPoint Replay::end() const {
    return {lengths_.size() - 1, lengths_.back()};
}

std::uint64_t Replay::total_ticks() const {
    return std::accumulate(lengths_.begin(), lengths_.end(), std::uint64_t{0});
}

void Replay::observe(const Change& change) {
    numbers_.change(change);
    if (change.key == "load") check_.restart(); // a scrub: the replay starts over
}

void Replay::observe(std::span<const SeriesSample> samples) {
    for (SeriesSample s : samples) {
        const std::optional<std::uint64_t> run = numbers_.number(s.run);
        if (!run) continue;
        s.run = *run;
        check_.compare(s);
    }
}

std::optional<ScriptPoint> Replay::position(const Snapshot& snapshot) const {
    const std::optional<std::uint64_t> run = numbers_.number(snapshot.run);
    if (!run) return std::nullopt;
    return ScriptPoint{*run, snapshot.tick};
}

std::uint64_t Replay::global(const ScriptPoint& point) const {
    std::uint64_t before = 0;
    for (std::size_t r = 0; r < point.run && r < lengths_.size(); ++r) before += lengths_[r];
    return before + point.tick;
}

ScriptPoint Replay::point_at(std::uint64_t global_tick) const {
    for (std::size_t r = 0; r + 1 < lengths_.size(); ++r) {
        if (global_tick < lengths_[r]) return {r, global_tick};
        global_tick -= lengths_[r];
    }
    return {lengths_.size() - 1, std::min(global_tick, lengths_.back())};
}

Rewind Replay::rewind_to(ScriptPoint point) const {
    return Rewind{.params = params_,
                  .name = fmt::format("replay of {}", file_.filename().string()),
                  .script = script_,
                  .to = point,
                  .end = end()};
}

void TimelinePanel::draw(PanelContext& context) {
    const Replay& replay = *replay_;
    const Recording& rec = replay.recording();
    const std::uint64_t total = std::max<std::uint64_t>(replay.total_ticks(), 1);
    const std::optional<ScriptPoint> at = replay.position(context.snapshot);
    const bool running = context.snapshot.state == RunState::Running;

    ImGui::TextUnformatted(
        fmt::format(
            "Replay of {}: {} ticks{}, {} change{}", replay.file().filename().string(), replay.total_ticks(),
            replay.lengths().size() > 1 ? fmt::format(" in {} runs", replay.lengths().size()) : std::string(),
            rec.changes.size(), rec.changes.size() == 1 ? "" : "s")
            .c_str());
    if (ImGui::SmallButton("|<")) context.commands.post(replay.rewind_to({0, 0}));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Back to the start of the recording");
    ImGui::SameLine();
    if (ImGui::SmallButton(running ? "Pause" : "Play"))
        context.commands.post(running ? Command{Pause{}} : Command{Resume{}});
    ImGui::SameLine();
    if (ImGui::SmallButton("Step")) {
        if (running) context.commands.post(Pause{});
        context.commands.post(SingleStep{1});
    }
    ImGui::SameLine();
    ImGui::TextUnformatted(at ? fmt::format("tick {} of {}", replay.global(*at), replay.total_ticks()).c_str()
                              : "starting over...");

    // The bar: the recorded runs one after the other, each change a mark, the replay's tick a line.
    const float width = std::max(ImGui::GetContentRegionAvail().x, 50.f);
    const float height = ImGui::GetFrameHeight() * 1.5f;
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("timeline", ImVec2(width, height));
    const ImVec2 p1(p0.x + width, p0.y + height);
    auto x_of = [&](std::uint64_t global) {
        return p0.x + width * static_cast<float>(static_cast<double>(global) / static_cast<double>(total));
    };
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(p0, p1, ImGui::GetColorU32(ImGuiCol_FrameBg), 3.f);
    std::uint64_t run_start = 0;
    for (std::size_t r = 0; r + 1 < replay.lengths().size(); ++r) {
        run_start += replay.lengths()[r];
        const float x = x_of(run_start);
        draw->AddLine(ImVec2(x, p0.y), ImVec2(x, p1.y), ImGui::GetColorU32(ImGuiCol_Border), 2.f);
    }
    if (at)
        draw->AddRectFilled(p0, ImVec2(x_of(replay.global(*at)), p1.y),
                            ImGui::GetColorU32(ImGuiCol_PlotHistogram, 0.5f), 3.f);
    const ImU32 mark = ImGui::GetColorU32(kWarningColor);
    std::string hovered_change;
    for (const Change& c : rec.changes) {
        if (c.joined) continue;
        const float x = x_of(replay.global({c.run, c.tick}));
        draw->AddLine(ImVec2(x, p0.y), ImVec2(x, p0.y + height * 0.4f), mark, 2.f);
        if (ImGui::IsItemHovered() && std::abs(ImGui::GetIO().MousePos.x - x) < 4.f)
            hovered_change =
                fmt::format("tick {}: {}{}{}", c.tick, c.key, c.value.empty() ? "" : " = ", c.value);
    }
    if (at) {
        const float x = x_of(replay.global(*at));
        draw->AddLine(ImVec2(x, p0.y), ImVec2(x, p1.y), ImGui::GetColorU32(ImGuiCol_Text), 2.f);
    }
    const auto global_under_mouse = [&] {
        const float f = std::clamp((ImGui::GetIO().MousePos.x - p0.x) / width, 0.f, 1.f);
        return static_cast<std::uint64_t>(static_cast<double>(f) * static_cast<double>(replay.total_ticks()));
    };
    if (ImGui::IsItemActive()) {
        dragging_ = global_under_mouse();
        const float x = x_of(*dragging_);
        draw->AddLine(ImVec2(x, p0.y), ImVec2(x, p1.y), ImGui::GetColorU32(kGoodColor), 2.f);
        ImGui::SetTooltip("train again to tick %llu", static_cast<unsigned long long>(*dragging_));
    } else if (!hovered_change.empty()) {
        ImGui::SetTooltip("%s", hovered_change.c_str());
    } else if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("Drag to a tick: the run is trained again to it as fast as it goes, then paused");
    }
    // Scrubbing rebuilds the run, so it happens once, where the drag ends.
    if (ImGui::IsItemDeactivated() && dragging_) {
        context.commands.post(replay.rewind_to(replay.point_at(*dragging_)));
        dragging_.reset();
    }

    const ReplayCheck& check = replay.check();
    if (check.difference()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
        wrapped_text(
            fmt::format("the replay differs from the recording first at {}", check.difference()->describe()));
        ImGui::PopStyleColor();
    } else if (check.compared() > 0) {
        ImGui::PushStyleColor(ImGuiCol_Text, kGoodColor);
        wrapped_text(fmt::format("replay matches the recording ({} samples compared)", check.compared()));
        ImGui::PopStyleColor();
    } else {
        ImGui::TextDisabled("no recorded sample compared yet");
    }
    if (!replay.exact()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kWarningColor);
        wrapped_text(
            "this run's threads interleave freely: the replay trains it again and may differ from the "
            "recording");
        ImGui::PopStyleColor();
    }
}

} // namespace phasor::ui
