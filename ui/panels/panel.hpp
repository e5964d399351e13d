// What every panel is given each frame, and the panel interface. A panel reads the snapshot it is given and
// the UI-side history, draws, and emits commands; it owns no engine state (docs/ARCHITECTURE.md).
#pragma once
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
    const Snapshot& snapshot; // the run's family, parameters, metrics and the family's payload
    const RunHistory& history;
    CommandSink& commands;
    plot::PlotShelf& plots;                             // draw plots through this so they can be exported
    std::span<const std::filesystem::path> preset_dirs; // extra directories for the preset picker
    std::string preset;                                 // the preset the run was loaded from (its name)
    bool presenter = false;                             // presenter mode: hide advanced controls
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
