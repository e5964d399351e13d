// The panel tests' headless ImGui, compiled into this binary too: only a folder's own sources are built
// into its test, and this one reuses tests/ui_panels' fixture as it is.
#include "ui_panels/headless_ui.cpp"
