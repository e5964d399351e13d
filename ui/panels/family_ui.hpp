// A family's side of the UI, described once: its panels, where they go by default, and hand-made controls for
// the parameter rows a plain widget does not serve well. The shell shows the common panels (Controls,
// Metrics) plus the panels of the running family; family_uis.cpp registers them, one line per family.
#pragma once
#include "engine/params/param.hpp"
#include "ui/panels/panel.hpp"
#include "ui/panels/param_widget.hpp"

#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace phasor::ui {

// A panel's default rectangle, as fractions of the work area: used the first time a run needs its
// arrangement, and after View → Reset layout; otherwise imgui.ini remembers where the user put it.
struct PanelPlace {
    std::string_view title;
    float x, y, width, height;
};

// One default arrangement of the panels, for the runs it suits. The panels it leaves out start closed (View
// still opens them): a picture with nothing to show for this run does not take a screen's cell.
struct Arrangement {
    std::string_view name;                   // "plane"
    bool (*suits)(const Snapshot& snapshot); // null: every run
    std::span<const PanelPlace> places;
};

// A view of the presenter stage: a few panels, large, where a class can read them from the back of the room.
struct StageView {
    std::string_view name; // "Learning"
    std::string_view help; // what the view is for, one line
    std::span<const PanelPlace> places;
};

struct FamilyUi {
    std::string_view family; // the engine family's name
    std::vector<std::unique_ptr<Panel>> (*make_panels)();
    // Where the panels go, the common ones included: the first arrangement that suits the run. The last
    // should suit every run, and together they place every panel.
    std::span<const Arrangement> layouts;
    std::span<const StageView> stage; // presenter mode's views, the first the default
    // Draws the controls for `row` itself (returning true; `fields` draws the generic widget for it to add
    // to), or returns false for the generic widget alone.
    bool (*draw_param)(const ParamSpec& row, PanelContext& context, ParamFields& fields);
};

std::span<const FamilyUi* const> family_uis();
// The family's UI, or nullptr for a family without panels of its own.
const FamilyUi* find_family_ui(std::string_view family);
// The first of the family's arrangements that suits the run (nullptr when none does).
const Arrangement* suited_arrangement(const FamilyUi& ui, const Snapshot& snapshot);

} // namespace phasor::ui
