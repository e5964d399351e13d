// The Decision map panel: for tasks whose inputs are points in the plane, the class the network predicts at
// every point, shaded by how sure it is (or flat, discretized), with the training and held-out test points on
// top, as TensorFlow Playground shows them.
#pragma once
#include "engine/stepnet/stepnet_view.hpp"
#include "ui/panels/panel.hpp"

namespace phasor::ui {

class DecisionPanel final : public Panel {
  public:
    const char* title() const override { return "Decision map"; }
    const char* tooltip() const override {
        return "For 2-D tasks, the class the network predicts over the plane, with the training and test "
               "points.";
    }
    void draw(PanelContext& context) override;

  private:
    void toggles(const DecisionMap& decision);
    void fill_map(const DecisionMap& decision, std::size_t classes, const Snapshot& snap);
    void fill_points(const DecisionMap& decision, std::size_t classes);

    plot::Plot plot_;
    plot::PlotView view_;
    bool discretize_ = false; // flat class colours instead of shading by the winning probability
    bool training_ = true, test_ = true;
};

} // namespace phasor::ui
