// Pausing, killing, restarting and slowing one component, for a class that should not have to type
// `["run", "kill"]`: the Controls rows of `components.state` and `components.speed` drawn one line per
// component, and the Components panel's right-click menu. Both post the whole list with one entry changed, as
// the engine takes only whole lists (one entry per component); a row that is automatic counts as every
// component running uncapped.
#pragma once
#include "engine/mach/mach_view.hpp"
#include "ui/panels/param_widget.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace phasor::ui {

inline constexpr std::string_view kStateKey = "components.state", kSpeedKey = "components.speed";

// The states and caps as set, one per component of `view`: the list when it has one entry per component,
// every component running uncapped when automatic, else what the components report (a list of another
// length belongs to a run not yet published).
std::vector<std::string> component_states(const Snapshot& snapshot, const MachView& view);
std::vector<std::int64_t> component_caps(const Snapshot& snapshot, const MachView& view);

// Post the list with component `node` changed, or nothing when it is already so.
void set_component_state(PanelContext& context, const MachView& view, std::size_t node, ComponentState state);
void set_component_cap(PanelContext& context, const MachView& view, std::size_t node, std::int64_t cap);

// Whether `node` is the only component running, so pausing or killing it would be refused.
bool last_running(const Snapshot& snapshot, const MachView& view, std::size_t node);
// A tenth of the rate `node` runs at (or of its cap, while it is stopped), at least 1 step/s; 0 when there is
// nothing to take a tenth of.
std::int64_t tenth_speed(const Snapshot& snapshot, const MachView& view, std::size_t node);

// The Controls rows, a line per component (Run / Pause / Kill; a cap field, empty for none). False, drawing
// nothing, before the first snapshot names the components: the generic widget serves then.
bool draw_component_states(const ParamSpec& row, PanelContext& context, ParamFields& fields);
bool draw_component_speeds(const ParamSpec& row, PanelContext& context, ParamFields& fields);

// The right-click menu's items for `node`, inside an open popup.
void component_menu(PanelContext& context, const MachView& view, std::size_t node);

} // namespace phasor::ui
