// Scoring the decoupled components (see mach_net.hpp): test accuracy through the real network and with
// synthetic inputs, per component, and how far the gradient a component last applied (delayed, or synthetic)
// is from the true one. Runs between releases, with every component parked, so it may use their networks'
// buffers.
#include "engine/batch/batch_source.hpp"
#include "engine/mach/mach_net.hpp"

#include <cmath>

namespace phasor {

namespace {

bool chain(Topology t) {
    return t == Topology::Sequence || t == Topology::Dni || t == Topology::Ddg;
}

} // namespace

long MachNet::count_right(const CMatRef& out) const {
    long right = 0;
    for (Eigen::Index c = 0; c < out.cols(); ++c) {
        Eigen::Index best = 0;
        out.col(c).maxCoeff(&best);
        right += best == eval_labels_[static_cast<std::size_t>(c)];
    }
    return right;
}

void MachNet::forward_all(Eigen::Index m) {
    const auto X = eval_x_.leftCols(m);
    for (std::size_t i = 0; i < components_.size(); ++i) {
        BatchMlp& net = components_[i]->network();
        const bool from_below = chain(config_.topology) && i > 0;
        eval_out_[i].leftCols(m) =
            net.forward(from_below ? CMatRef(eval_out_[i - 1].leftCols(m)) : CMatRef(X));
    }
}

const Mat& MachNet::joined_input(std::size_t j, Eigen::Index m, bool synthetic) {
    Component& c = *components_[j];
    const int own = c.network().out();
    eval_join_.topRows(own).leftCols(m) = eval_out_[j].leftCols(m);
    Eigen::Index row = own;
    const auto& children = c.edges().children;
    for (std::size_t k = 0; k < children.size(); ++k) {
        const int width = c.edges().child_widths[k];
        if (synthetic)
            eval_join_.block(row, 0, width, m) = c.synthetic(k).forward(eval_x_.leftCols(m));
        else
            eval_join_.block(row, 0, width, m) = eval_out_[static_cast<std::size_t>(children[k])].leftCols(m);
        row += width;
    }
    return eval_join_;
}

void MachNet::score_components(std::size_t limit) {
    const Dataset& test = data_->test;
    const std::size_t n = std::min(limit, test.size());
    const std::size_t count = components_.size();
    const Topology t = config_.topology;
    std::vector<std::pair<long, long>>& right = score_right_;
    right.assign(count, {0, 0});
    for (std::size_t start = 0; start < n; start += static_cast<std::size_t>(config_.batch)) {
        const std::size_t m = std::min<std::size_t>(static_cast<std::size_t>(config_.batch), n - start);
        const auto cols = static_cast<Eigen::Index>(m);
        for (std::size_t i = 0; i < m; ++i) eval_ids_[i] = static_cast<std::uint32_t>(start + i);
        gather(test, std::span(eval_ids_).first(m), eval_x_, eval_labels_);
        forward_all(cols);
        const auto X = eval_x_.leftCols(cols);
        if (t == Topology::Kgraph) {
            for (std::size_t j = 0; j < count; ++j) {
                BatchMlp& readout = *components_[j]->readout();
                right[j].first += count_right(readout.forward(joined_input(j, cols, false).leftCols(cols)));
                right[j].second += count_right(readout.forward(joined_input(j, cols, true).leftCols(cols)));
            }
            continue;
        }
        const long real = count_right(eval_out_.back().leftCols(cols));
        if (!chain(t)) {
            BatchMlp* student = components_[0]->student();
            right[0] = {right[0].first + real,
                        right[0].second + (student ? count_right(student->forward(X)) : real)};
            continue;
        }
        // Component c on its synthetic input, and everything above it on what that gives.
        // (A MatBlock cannot be pointed elsewhere, only written through: each stage is copied out instead.)
        for (std::size_t c = 1; c < count; ++c) {
            Mat& through = eval_stage_;
            const MatBlock first = components_[c]->network().forward(components_[c]->synthetic(0).forward(X));
            through.topRows(first.rows()).leftCols(cols) = first;
            Eigen::Index rows = first.rows();
            for (std::size_t above = c + 1; above < count; ++above) {
                const MatBlock next =
                    components_[above]->network().forward(through.topRows(rows).leftCols(cols));
                rows = next.rows();
                eval_grad_.topRows(rows).leftCols(cols) = next; // never the block it was computed from
                through.topRows(rows).leftCols(cols) = eval_grad_.topRows(rows).leftCols(cols);
            }
            right[c].first += real;
            right[c].second += count_right(through.topRows(rows).leftCols(cols));
        }
    }
    for (std::size_t i = 0; i < count; ++i) {
        const bool scored = components_[i]->has_loss() || !components_[i]->edges().children.empty();
        node_accuracy_[i] = scored ? std::pair{static_cast<float>(right[i].first) / static_cast<float>(n),
                                               static_cast<float>(right[i].second) / static_cast<float>(n)}
                                   : std::pair{NAN, NAN};
    }
}

std::pair<float, float> MachNet::test_accuracy(std::size_t limit) {
    score_components(limit);
    return node_accuracy_[headline_];
}

float MachNet::gradient_cosine(std::size_t i) {
    const AppliedGradient& applied = components_[i]->applied();
    if (!applied.valid) return NAN;
    const std::size_t n = applied.ids.size();
    const auto cols = static_cast<Eigen::Index>(n);
    gather(data_->train, applied.ids, eval_x_, eval_labels_);
    forward_all(cols);
    const auto labels = std::span(eval_labels_).first(n);
    Eigen::Index row = 0;
    const Mat* grad = nullptr;
    if (config_.topology == Topology::Kgraph) {
        const auto parent = static_cast<std::size_t>(
            components_[i]->edges().parents[static_cast<std::size_t>(applied.parent)]);
        Component& p = *components_[parent];
        BatchMlp& readout = *p.readout();
        const Mat& join = joined_input(parent, cols, false);
        readout.forward(join.leftCols(cols));
        softmax_cross_entropy(readout.logits(), labels, eval_probs_.leftCols(cols), eval_dz_.leftCols(cols));
        readout.backward(join.leftCols(cols), eval_dz_.leftCols(cols), true);
        const MatBlock dx = readout.input_grad();
        eval_grad_.topLeftCorner(dx.rows(), cols) = dx;
        row = p.network().out();
        const auto& children = p.edges().children;
        for (std::size_t k = 0; k < children.size() && children[k] != static_cast<int>(i); ++k)
            row += p.edges().child_widths[k];
        grad = &eval_grad_;
    } else {
        // Back from the head's loss through every component above i.
        const std::size_t head = components_.size() - 1;
        BatchMlp& top = components_[head]->network();
        top.forward(eval_out_[head - 1].leftCols(cols));
        softmax_cross_entropy(top.logits(), labels, eval_probs_.leftCols(cols), eval_dz_.leftCols(cols));
        top.backward(eval_out_[head - 1].leftCols(cols), eval_dz_.leftCols(cols), true);
        MatBlock dx = top.input_grad();
        eval_grad_.topLeftCorner(dx.rows(), cols) = dx;
        for (std::size_t m = head - 1; m > i; --m) {
            BatchMlp& net = components_[m]->network();
            net.forward(eval_out_[m - 1].leftCols(cols));
            net.backward_from_output(eval_out_[m - 1].leftCols(cols),
                                     eval_grad_.topLeftCorner(net.out(), cols), true);
            const MatBlock below = net.input_grad();
            eval_grad_.topLeftCorner(below.rows(), cols) = below;
        }
        grad = &eval_grad_;
    }
    const int width = components_[i]->network().out();
    const auto truth = grad->block(row, 0, width, cols);
    const auto given = applied.values.leftCols(cols);
    const double norms = std::sqrt(static_cast<double>(truth.squaredNorm()) * given.squaredNorm());
    return norms > 0 ? static_cast<float>(truth.cwiseProduct(given).sum() / norms) : NAN;
}

} // namespace phasor
