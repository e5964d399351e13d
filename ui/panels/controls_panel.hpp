// The Controls panel: preset picker, run control (play/pause, step, reset, speed) and the running family's
// parameters, drawn from its parameter table group by group (a family may draw some rows by hand). It shows
// what the engine reports and posts a command per edit; the engine checks every value.
#pragma once
#include "engine/preset/preset.hpp"
#include "ui/panels/panel.hpp"
#include "ui/panels/param_widget.hpp"

#include <string>
#include <vector>

namespace phasor::ui {

class ControlsPanel final : public Panel {
  public:
    const char* title() const override { return "Controls"; }
    const char* tooltip() const override {
        return "Run control and the running model's parameters: preset, play/pause, speed, then every "
               "parameter the model has, grouped as its family lists them.";
    }
    void draw(PanelContext& context) override;

  private:
    void draw_preset(PanelContext& context);
    void list(PanelContext& context);
    void load(PanelContext& context, const PresetInfo& info);
    void draw_run(PanelContext& context);
    void draw_params(PanelContext& context);

    std::vector<PresetInfo> presets_;
    bool presets_listed_ = false;
    std::string preset_error_;
    float speed_ = 100.f; // the pace "Slow down" goes back to: the last one in use
    ParamFields fields_;
};

} // namespace phasor::ui
