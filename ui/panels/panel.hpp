// What every panel is given each frame, and the panel interface. A panel reads the snapshot and the UI-side
// history, draws, and emits commands; it owns no engine state (ARCHITECTURE.md).
#pragma once
#include "engine/stepnet/config.hpp"
#include "engine/telemetry/snapshot.hpp"
#include "engine/trainer/command.hpp"
#include "ui/plot/plot_shelf.hpp"
#include "ui/run_history.hpp"

#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace phasor::ui {

// Where a panel's commands go: the Trainer in the app, a vector in tests.
class CommandSink {
  public:
    virtual ~CommandSink() = default;
    virtual void post(Command command) = 0;
};

struct PanelContext {
    const Snapshot& snapshot;
    const RunHistory& history;
    const StepNetConfig& config; // the run's config as built (schedule, seed, task...)
    CommandSink& commands;
    plot::PlotShelf& plots;                             // draw plots through this so they can be exported
    std::span<const std::filesystem::path> preset_dirs; // extra directories for the preset picker
    std::string preset;                                 // the preset the run was built from (name or file)
    bool presenter = false;                             // presenter mode: hide advanced controls
    std::string engine_message; // the engine's latest message (a rejected value...), empty if none
};

class Panel {
  public:
    virtual ~Panel() = default;
    virtual const char* title() const = 0;   // also the ImGui window name: stable, it keys the saved layout
    virtual const char* tooltip() const = 0; // one sentence: what the panel shows
    // Draws the panel's contents inside an already begun ImGui window.
    virtual void draw(PanelContext& context) = 0;
    bool open = true;
};

} // namespace phasor::ui
