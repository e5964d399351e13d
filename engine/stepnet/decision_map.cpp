// The decision map of a 2-D task: the settled network's prediction on a grid over the data's extent, with the
// training points, for the UI's decision-boundary panel.
#include "engine/stepnet/stepnet.hpp"
#include "engine/stepnet/stepnet_state.hpp"

#include <algorithm>

namespace phasor {

void StepNet::fill_decision_map(DecisionMap& map) {
    if (task_->input_dim() != 2) {
        map.resolution = 0;
        return;
    }
    const int n = kDecisionResolution;
    const auto cells = static_cast<std::size_t>(n * n);
    const auto& points = task_->train_set().empty() ? task_->eval_set() : task_->train_set();
    // The points and the extent are copied every time (a few hundred values): the snapshot being filled may
    // be one of the triple buffer's older copies, or come from a run on another task.
    float lo_x = -1.f, hi_x = 1.f, lo_y = -1.f, hi_y = 1.f;
    if (!points.empty()) {
        lo_x = hi_x = points[0].x[0];
        lo_y = hi_y = points[0].x[1];
    }
    map.points_x.resize(points.size());
    map.points_y.resize(points.size());
    map.points_label.resize(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
        const float x = points[i].x[0], y = points[i].x[1];
        lo_x = std::min(lo_x, x), hi_x = std::max(hi_x, x);
        lo_y = std::min(lo_y, y), hi_y = std::max(hi_y, y);
        map.points_x[i] = x, map.points_y[i] = y, map.points_label[i] = points[i].label;
    }
    const float margin = 0.1f * std::max({hi_x - lo_x, hi_y - lo_y, 1e-3f});
    map.x0 = lo_x - margin, map.x1 = hi_x + margin, map.y0 = lo_y - margin, map.y1 = hi_y + margin;
    map.resolution = n;
    map.predicted.resize(cells);
    map.confidence.resize(cells);
    Vec& probe = impl_->plane_point;
    probe.resize(2);
    for (int row = 0; row < n; ++row) {
        // Cell centres; row 0 is the top of the plane (y1), as an image is drawn.
        probe[1] = map.y1 - (static_cast<float>(row) + 0.5f) * (map.y1 - map.y0) / static_cast<float>(n);
        for (int col = 0; col < n; ++col) {
            probe[0] = map.x0 + (static_cast<float>(col) + 0.5f) * (map.x1 - map.x0) / static_cast<float>(n);
            Eigen::Index best;
            const float confidence = settled_forward(probe).maxCoeff(&best);
            const auto cell = static_cast<std::size_t>(row * n + col);
            map.predicted[cell] = static_cast<float>(best);
            map.confidence[cell] = confidence;
        }
    }
}

} // namespace phasor
