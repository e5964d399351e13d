// The decision map of a 2-D task: the settled network's prediction on a grid over the data's extent, with the
// training and held-out points, for the UI's decision-boundary panel; and every neuron's activation over the
// same plane.
#include "engine/stepnet/stepnet.hpp"
#include "engine/stepnet/stepnet_state.hpp"

#include <algorithm>

namespace phasor {

namespace {
// The neuron of a layer of `size` shown as the i-th of `shown`: evenly spaced, the first always included.
int pictured_neuron(std::size_t i, std::size_t shown, int size) {
    return static_cast<int>(i * static_cast<std::size_t>(size) / shown);
}

// The centre of cell `index` of `cells` over [lo, hi]; rows count down from the top, as an image's do.
float column_centre(int index, int cells, float lo, float hi) {
    return lo + (static_cast<float>(index) + 0.5f) * (hi - lo) / static_cast<float>(cells);
}
float row_centre(int index, int cells, float lo, float hi) {
    return hi - (static_cast<float>(index) + 0.5f) * (hi - lo) / static_cast<float>(cells);
}

// The points and the extent are copied every time (a few hundred values, into storage kept from the last
// time): the snapshot being filled may be one of the triple buffer's older copies, or come from a run on
// another task.
void copy_points(const std::vector<Sample>& points, std::vector<float>& xs, std::vector<float>& ys,
                 std::vector<int>& labels) {
    xs.resize(points.size());
    ys.resize(points.size());
    labels.resize(points.size());
    for (std::size_t i = 0; i < points.size(); ++i)
        xs[i] = points[i].x[0], ys[i] = points[i].x[1], labels[i] = points[i].label;
}
} // namespace

void StepNet::fill_decision_map(DecisionMap& map) {
    if (task_->input_dim() != 2) {
        map.resolution = 0;
        map.neuron_resolution = 0;
        map.neuron_maps.clear();
        return;
    }
    const int n = kDecisionResolution;
    const auto cells = static_cast<std::size_t>(n * n);
    const auto& points = task_->train_set().empty() ? task_->eval_set() : task_->train_set();
    static const std::vector<Sample> kNone;
    const auto& held_out =
        task_->eval_held_out() && &points != &task_->eval_set() ? task_->eval_set() : kNone;
    copy_points(points, map.points_x, map.points_y, map.points_label);
    copy_points(held_out, map.test_points_x, map.test_points_y, map.test_points_label);

    float lo_x = -1.f, hi_x = 1.f, lo_y = -1.f, hi_y = 1.f;
    if (!points.empty()) {
        lo_x = hi_x = points[0].x[0];
        lo_y = hi_y = points[0].x[1];
    }
    for (const auto* set : {&points, &held_out})
        for (const Sample& p : *set) {
            lo_x = std::min(lo_x, p.x[0]), hi_x = std::max(hi_x, p.x[0]);
            lo_y = std::min(lo_y, p.x[1]), hi_y = std::max(hi_y, p.x[1]);
        }
    const float half = 0.5f * std::max({hi_x - lo_x, hi_y - lo_y, 1e-3f}) * 1.2f; // a tenth of it either side
    const float cx = 0.5f * (lo_x + hi_x), cy = 0.5f * (lo_y + hi_y);
    map.x0 = cx - half, map.x1 = cx + half, map.y0 = cy - half, map.y1 = cy + half;
    map.resolution = n;
    map.predicted.resize(cells);
    map.confidence.resize(cells);
    Vec& probe = impl_->plane_point;
    probe.resize(2);
    for (int row = 0; row < n; ++row) {
        // Cell centres; row 0 is the top of the plane (y1), as an image is drawn.
        probe[1] = row_centre(row, n, map.y0, map.y1);
        for (int col = 0; col < n; ++col) {
            probe[0] = column_centre(col, n, map.x0, map.x1);
            Eigen::Index best;
            const float confidence = settled_forward(probe).maxCoeff(&best);
            const auto cell = static_cast<std::size_t>(row * n + col);
            map.predicted[cell] = static_cast<float>(best);
            map.confidence[cell] = confidence;
        }
    }
    fill_neuron_maps(map);
}

// A coarser grid than the decision map's: a 16² picture per neuron reads at thumbnail size, and costs 256
// settled forwards where the map costs 1600.
void StepNet::fill_neuron_maps(DecisionMap& map) {
    const int n = DecisionMap::kNeuronResolution;
    const auto cells = static_cast<std::size_t>(n * n);
    map.neuron_resolution = n;
    map.neuron_maps.resize(layers_.size());
    for (std::size_t l = 0; l < layers_.size(); ++l) {
        NeuronMaps& m = map.neuron_maps[l];
        const int size = layers_[l].out();
        const std::size_t shown = std::min(static_cast<std::size_t>(size), DecisionMap::kMaxNeuronMaps);
        m.neurons.resize(shown);
        for (std::size_t i = 0; i < shown; ++i) m.neurons[i] = pictured_neuron(i, shown, size);
        m.values.resize(shown * cells);
    }
    Vec& probe = impl_->plane_point;
    for (int row = 0; row < n; ++row) {
        probe[1] = row_centre(row, n, map.y0, map.y1);
        for (int col = 0; col < n; ++col) {
            probe[0] = column_centre(col, n, map.x0, map.x1);
            settled_forward(probe);
            const auto cell = static_cast<std::size_t>(row * n + col);
            for (std::size_t l = 0; l < layers_.size(); ++l) {
                NeuronMaps& m = map.neuron_maps[l];
                const Vec& a = impl_->eval_a[l];
                for (std::size_t i = 0; i < m.neurons.size(); ++i)
                    m.values[i * cells + cell] = a[m.neurons[i]];
            }
        }
    }
}

} // namespace phasor
