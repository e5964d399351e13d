// The environment as a plot::Drawing, one picture per kind of EnvironmentState: a track (the agent on a line
// with the place fields as bumps along it), a bandit (each arm's true reward probability beside how likely
// the readout is to choose it, the chosen arm outlined), a 2-D target task (the agent and the target in
// their square). Under every kind, the readout's action probabilities as bars and the reward rate.
#pragma once
#include "engine/spiking/circuit.hpp"
#include "ui/panels/stepnet/diagram_ink.hpp"
#include "ui/plot/drawing.hpp"

#include <vector>

namespace phasor::ui {

class EnvironmentDrawing final : public plot::Drawing {
  public:
    void set(const EnvironmentState* state) { state_ = state; }

    void draw(plot::Canvas& canvas, ImVec2 min, ImVec2 max, const plot::DrawStyle& style) const override;
    // quantity,value lines: kind, position, target, fields, arms' rewards, action probabilities, reward rate.
    void write_csv(std::string& out) const override;

  private:
    void draw_track(plot::Canvas& canvas, ImVec2 min, ImVec2 max, const plot::DrawStyle& style,
                    const DiagramInk& ink) const;
    void draw_bandit(plot::Canvas& canvas, ImVec2 min, ImVec2 max, const plot::DrawStyle& style,
                     const DiagramInk& ink) const;
    void draw_target(plot::Canvas& canvas, ImVec2 min, ImVec2 max, const plot::DrawStyle& style,
                     const DiagramInk& ink) const;
    void draw_actions(plot::Canvas& canvas, ImVec2 min, ImVec2 max, const plot::DrawStyle& style,
                      const DiagramInk& ink) const;

    const EnvironmentState* state_ = nullptr;
    mutable std::vector<ImVec2> bump_;
};

} // namespace phasor::ui
