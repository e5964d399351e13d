// The Controls panel: preset picker, run control (play/pause, step, reset, speed) and the live training
// parameters. It shows what the engine reports it runs and posts a command per edit; the engine validates.
#pragma once
#include "engine/preset/preset.hpp"
#include "ui/panels/panel.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace phasor::ui {

class ControlsPanel final : public Panel {
  public:
    const char* title() const override { return "Controls"; }
    const char* tooltip() const override {
        return "Run control and the live training parameters: preset, play/pause, speed, learning rate, "
               "delay depth and gradient attention.";
    }
    void draw(PanelContext& context) override;

    // A value being typed into: shows the engine's value until the user starts editing it.
    template <class T> struct Field {
        T value{};
        bool editing = false;
    };

  private:
    void draw_preset(PanelContext& context);
    void draw_run(PanelContext& context);
    void draw_training(PanelContext& context);
    void draw_schedule(PanelContext& context);
    void draw_advanced(PanelContext& context);

    std::vector<PresetInfo> presets_;
    bool presets_listed_ = false;
    std::string preset_error_;

    bool max_speed_ = true;
    float speed_ = 10.f; // ticks per second when not at max speed

    Field<float> lr_, temperature_;
    Field<int> delay_depth_;
    std::uint64_t seed_ = 0;
    ScheduleSpec schedule_;        // what the user is editing
    ScheduleSpec config_schedule_; // the run config's schedule it started from; a new run resets schedule_
    bool schedule_known_ = false;
    std::uint64_t config_seed_ = 0;
};

} // namespace phasor::ui
