// The panel list (all_panels.hpp): the one place that knows every panel type.
#include "ui/panels/all_panels.hpp"

#include "ui/panels/activations_panel.hpp"
#include "ui/panels/attention_panel.hpp"
#include "ui/panels/controls_panel.hpp"
#include "ui/panels/decision_panel.hpp"
#include "ui/panels/delay_queue_panel.hpp"
#include "ui/panels/metrics_panel.hpp"
#include "ui/panels/network_panel.hpp"

namespace phasor::ui {

std::vector<std::unique_ptr<Panel>> make_panels() {
    std::vector<std::unique_ptr<Panel>> panels;
    panels.push_back(std::make_unique<ControlsPanel>());
    panels.push_back(std::make_unique<NetworkPanel>());
    panels.push_back(std::make_unique<MetricsPanel>());
    panels.push_back(std::make_unique<ActivationsPanel>());
    panels.push_back(std::make_unique<DelayQueuePanel>());
    panels.push_back(std::make_unique<AttentionPanel>());
    panels.push_back(std::make_unique<DecisionPanel>());
    return panels;
}

} // namespace phasor::ui
