// Environment drawing (environment_drawing.hpp).
#include "ui/panels/spiking/environment_drawing.hpp"

#include "ui/panels/spiking/spiking_look.hpp"
#include "ui/plot/wrapped_text.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <iterator>

namespace phasor::ui {

namespace {

// Writes into a fixed buffer: a frame allocates nothing once warm.
template <class... Args>
const char* line(std::span<char> out, fmt::format_string<Args...> format, Args&&... args) {
    const auto end = fmt::format_to_n(out.data(), out.size() - 1, format, std::forward<Args>(args)...).out;
    *end = '\0';
    return out.data();
}

constexpr int kAgent = 1, kTarget = 2, kField = 0, kTruth = 7; // palette indices

} // namespace

void EnvironmentDrawing::draw(plot::Canvas& canvas, ImVec2 min, ImVec2 max,
                              const plot::DrawStyle& style) const {
    if (state_ == nullptr) return;
    const DiagramInk ink = diagram_ink(style);
    const float font = style.font_size;
    char text[160];
    // The lines wrap in a narrow panel and push the scene down rather than run out of it.
    const float text_width = max.x - min.x - font;
    float top = min.y + font * 0.3f;
    top += plot::draw_wrapped(canvas, ImVec2(min.x + font * 0.5f, top),
                              line(text, "{}: {}", state_->kind, state_->status), font, ink.text, text_width,
                              font * 1.1f);
    // Only an environment that acts is rewarded (a track the agent just runs along is not).
    if (!state_->action_names.empty())
        top += plot::draw_wrapped(canvas, ImVec2(min.x + font * 0.5f, top),
                                  line(text, "reward rate {:.2f} over {} decisions; last reward {:.2f}",
                                       state_->reward_rate, state_->decisions, state_->reward),
                                  font, ink.dim, text_width, font * 1.1f);
    const bool actions = !state_->action_probability.empty() && state_->kind != "bandit";
    const float split = actions ? max.y - std::max(font * 5.f, (max.y - min.y) * 0.3f) : max.y;
    const ImVec2 scene_min(min.x + font, std::max(min.y + font * 3.f, top + font * 0.5f)),
        scene_max(max.x - font, split - font * 0.5f);
    if (state_->kind == "track") draw_track(canvas, scene_min, scene_max, style, ink);
    if (state_->kind == "bandit")
        draw_bandit(canvas, scene_min, ImVec2(scene_max.x, max.y - font * 0.5f), style, ink);
    if (state_->kind == "target") draw_target(canvas, scene_min, scene_max, style, ink);
    if (actions)
        draw_actions(canvas, ImVec2(min.x + font, split), ImVec2(max.x - font, max.y - font * 0.5f), style,
                     ink);
}

// The track across the middle, place fields as Gaussian bumps above it, the agent a disc on it.
void EnvironmentDrawing::draw_track(plot::Canvas& canvas, ImVec2 min, ImVec2 max,
                                    const plot::DrawStyle& style, const DiagramInk& ink) const {
    const plot::Theme& theme = style.colors();
    const float font = style.font_size, length = std::max(state_->length, 1e-6f);
    const float y = min.y + (max.y - min.y) * 0.7f, bump = (max.y - min.y) * 0.5f;
    const auto x_at = [&](float metres) {
        return min.x + (max.x - min.x) * std::clamp(metres / length, 0.f, 1.f);
    };
    const plot::Rgba field = palette_color(kField, theme);
    const float width = std::max(state_->field_width, length * 1e-3f);
    for (float centre : state_->field_centers) {
        bump_.clear();
        for (int i = 0; i <= 24; ++i) {
            const float at = centre + width * (static_cast<float>(i) / 12.f - 1.f) * 1.5f;
            const float u = (at - centre) / width;
            bump_.push_back(ImVec2(x_at(at), y - bump * std::exp(-0.5f * u * u * 4.f)));
        }
        canvas.polyline(bump_, plot::with_alpha(field, 170), ink.unit);
    }
    canvas.line(ImVec2(min.x, y), ImVec2(max.x, y), ink.text, 3.f * ink.unit);
    canvas.disc(ImVec2(x_at(state_->position), y), font * 0.55f, palette_color(kAgent, theme), ink.text,
                ink.unit);
    char text[48];
    canvas.text(ImVec2(min.x, y + font * 0.6f), "0", font, theme.tick_text, 0.f);
    canvas.text(ImVec2(max.x, y + font * 0.6f), line(text, "{:.2g} m", state_->length), font, theme.tick_text,
                1.f);
    // Above the disc and kept inside the track, so it never runs into the end labels below.
    const float label_x = std::clamp(x_at(state_->position), min.x + font * 2.f, max.x - font * 2.f);
    canvas.text(ImVec2(label_x, y - font * 1.9f), line(text, "{:.2f} m", state_->position), font,
                palette_color(kAgent, theme), 0.5f);
}

// An arm per column: the true reward probability (grey) beside the readout's probability of choosing it.
void EnvironmentDrawing::draw_bandit(plot::Canvas& canvas, ImVec2 min, ImVec2 max,
                                     const plot::DrawStyle& style, const DiagramInk& ink) const {
    const plot::Theme& theme = style.colors();
    const float font = style.font_size;
    const std::size_t arms = std::max(state_->arm_reward.size(), state_->action_probability.size());
    if (arms == 0) return;
    const float cell = (max.x - min.x) / static_cast<float>(arms);
    const float base = max.y - font * 2.4f, top = min.y + font * 1.4f;
    canvas.text(ImVec2(min.x, min.y), "true reward probability", font * 0.9f, palette_color(kTruth, theme),
                0.f);
    canvas.text(ImVec2(max.x, min.y), "readout's choice", font * 0.9f, palette_color(kAgent, theme), 1.f);
    char text[48];
    for (std::size_t a = 0; a < arms; ++a) {
        const float x0 = min.x + cell * static_cast<float>(a), bar = cell * 0.3f, mid = x0 + cell * 0.5f;
        const auto column = [&](float value, float left, int palette) {
            const float v = std::isfinite(value) ? std::clamp(value, 0.f, 1.f) : 0.f;
            canvas.fill_rect(ImVec2(left, base - (base - top) * v), ImVec2(left + bar, base),
                             palette_color(palette, theme));
            canvas.text(ImVec2(left + bar * 0.5f, base - (base - top) * v - font * 1.1f),
                        line(text, "{:.2f}", v), font * 0.85f, ink.text, 0.5f);
        };
        if (a < state_->arm_reward.size()) column(state_->arm_reward[a], mid - bar - font * 0.1f, kTruth);
        if (a < state_->action_probability.size())
            column(state_->action_probability[a], mid + font * 0.1f, kAgent);
        if (static_cast<int>(a) == state_->action)
            canvas.box(ImVec2(x0 + cell * 0.08f, top - font * 0.2f),
                       ImVec2(x0 + cell * 0.92f, base + font * 1.3f), font * 0.3f, 0, ink.text,
                       2.f * ink.unit);
        const char* name =
            a < state_->action_names.size() ? state_->action_names[a].c_str() : line(text, "arm {}", a + 1);
        canvas.text(ImVec2(mid, base + font * 0.2f), name, font, ink.text, 0.5f);
    }
    canvas.line(ImVec2(min.x, base), ImVec2(max.x, base), theme.frame, ink.unit);
}

// The square [0, length]², the target a ring, the agent a disc with a line to it.
void EnvironmentDrawing::draw_target(plot::Canvas& canvas, ImVec2 min, ImVec2 max,
                                     const plot::DrawStyle& style, const DiagramInk& ink) const {
    const plot::Theme& theme = style.colors();
    const float font = style.font_size, length = std::max(state_->length, 1e-6f);
    const float side = std::min(max.x - min.x, max.y - min.y);
    const ImVec2 a((min.x + max.x - side) * 0.5f, min.y), b(a.x + side, a.y + side);
    const auto at = [&](float x, float y) {
        return ImVec2(a.x + side * std::clamp(x / length, 0.f, 1.f),
                      b.y - side * std::clamp(y / length, 0.f, 1.f));
    };
    canvas.rect(a, b, theme.frame, ink.unit);
    const ImVec2 agent = at(state_->position, state_->position_y),
                 target = at(state_->target, state_->target_y);
    canvas.line(agent, target, theme.grid, ink.unit);
    canvas.disc(target, font * 0.7f, 0, palette_color(kTarget, theme), 2.5f * ink.unit);
    canvas.disc(agent, font * 0.5f, palette_color(kAgent, theme), ink.text, ink.unit);
}

// The readout's probability of each action, a bar each, the action taken outlined.
void EnvironmentDrawing::draw_actions(plot::Canvas& canvas, ImVec2 min, ImVec2 max,
                                      const plot::DrawStyle& style, const DiagramInk& ink) const {
    const plot::Theme& theme = style.colors();
    const float font = style.font_size;
    const std::size_t n = state_->action_probability.size();
    canvas.text(min, "readout's action probabilities", font * 0.9f, ink.dim, 0.f);
    const float row = std::min(font * 1.3f, (max.y - min.y - font * 1.2f) / static_cast<float>(n));
    float name_width = 0.f;
    for (const std::string& name : state_->action_names)
        name_width = std::max(name_width, canvas.text_width(name, font));
    const float left = min.x + name_width + font * 0.6f;
    char text[32];
    for (std::size_t i = 0; i < n; ++i) {
        const float y = min.y + font * 1.2f + row * static_cast<float>(i);
        const float p = std::isfinite(state_->action_probability[i])
                            ? std::clamp(state_->action_probability[i], 0.f, 1.f)
                            : 0.f;
        if (i < state_->action_names.size())
            canvas.text(ImVec2(left - font * 0.4f, y), state_->action_names[i], font, ink.text, 1.f);
        const float right = max.x - font * 3.f;
        canvas.fill_rect(ImVec2(left, y + row * 0.15f), ImVec2(left + (right - left) * p, y + row * 0.85f),
                         palette_color(kAgent, theme));
        if (static_cast<int>(i) == state_->action)
            canvas.rect(ImVec2(left, y + row * 0.1f), ImVec2(right, y + row * 0.9f), ink.text, ink.unit);
        canvas.text(ImVec2(max.x, y), line(text, "{:.2f}", p), font, ink.text, 1.f);
    }
}

void EnvironmentDrawing::write_csv(std::string& out) const {
    if (state_ == nullptr) return;
    auto it = std::back_inserter(out);
    out += "quantity,index,value\n";
    fmt::format_to(it, "kind,0,{}\nposition,0,{}\nposition_y,0,{}\nlength,0,{}\ntarget,0,{}\ntarget_y,0,{}\n",
                   state_->kind, state_->position, state_->position_y, state_->length, state_->target,
                   state_->target_y);
    for (std::size_t i = 0; i < state_->field_centers.size(); ++i)
        fmt::format_to(it, "field_center,{},{}\n", i, state_->field_centers[i]);
    for (std::size_t i = 0; i < state_->arm_reward.size(); ++i)
        fmt::format_to(it, "arm_reward,{},{}\n", i, state_->arm_reward[i]);
    for (std::size_t i = 0; i < state_->action_probability.size(); ++i)
        fmt::format_to(it, "action_probability,{},{}\n", i, state_->action_probability[i]);
    fmt::format_to(it, "action,0,{}\nreward,0,{}\nreward_rate,0,{}\ndecisions,0,{}\n", state_->action,
                   state_->reward, state_->reward_rate, state_->decisions);
}

} // namespace phasor::ui
