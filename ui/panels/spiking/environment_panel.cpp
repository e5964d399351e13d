// Environment panel (environment_panel.hpp).
#include "ui/panels/spiking/environment_panel.hpp"

#include "ui/panels/panel_style.hpp"
#include "ui/panels/spiking/spiking_look.hpp"

#include <algorithm>
#include <cmath>

namespace phasor::ui {

void EnvironmentPanel::draw(PanelContext& context) {
    const SpikingView* view = spiking_view_or_wait(context.snapshot);
    if (view == nullptr) return;
    if (!view->has_environment) {
        wrapped_text(
            "No environment: this circuit runs on its own inputs. The precession preset runs along a "
            "track; the environment presets choose actions and learn from reward.");
        return;
    }
    drawing_.set(&view->environment);
    if (scene_.id.empty()) {
        scene_.id = "spiking_environment";
        scene_.drawing = &drawing_;
        reward_.id = "spiking_reward";
        reward_.title = "Reward per decision";
        reward_.x.label = "simulated time (s)";
        reward_.y.label = "reward";
        reward_.lines.push_back({"reward", plot::series_color(2), &reward_line_});
    }
    // The engine's history again when it changed (another run, a point added or thinned).
    const std::vector<float>& time = view->history_time;
    const float last = time.empty() ? 0.f : time.back();
    if (context.snapshot.run != run_ || last != last_ || time.size() != points_) {
        run_ = context.snapshot.run, last_ = last, points_ = time.size();
        reward_line_.clear();
        for (std::size_t i = 0; i < time.size() && i < view->history_reward.size(); ++i)
            reward_line_.push(time[i], view->history_reward[i]);
    }
    bool any_reward = false;
    for (const plot::Point& p : reward_line_.points()) any_reward = any_reward || std::isfinite(p.y);
    const float font = ImGui::GetFontSize();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    // The reward over time under the scene where both have room; in a short panel the scene alone, whose
    // status line already gives the reward rate.
    const bool with_reward = any_reward && avail.y >= font * 20.f;
    const float scene = with_reward ? std::max(avail.y * 0.62f, font * 12.f) : std::max(avail.y, font * 10.f);
    context.plots.show(scene_, scene_view_, ImVec2(std::max(avail.x, font * 10.f), scene));
    if (with_reward)
        context.plots.show(reward_, reward_view_,
                           ImVec2(std::max(avail.x, font * 10.f),
                                  std::max(avail.y - scene - ImGui::GetStyle().ItemSpacing.y, font * 8.f)));
}

} // namespace phasor::ui
