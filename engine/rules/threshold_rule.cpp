// Threshold-fired accumulation (see threshold_rule.hpp), one sample at a time: the forward pass of the
// sample, then its backward events layer by layer from the output down.
//
// The semantics, precisely:
// - Every output neuron with a non-zero error δ = dL/dz (softmax cross-entropy of the sample) notifies all of
//   its input connections, the bias included (a connection from a constant 1).
// - A notified connection (j ← i) takes its share s = δ_j·a_i into its accumulator: Plain acc += s; Momentum
//   acc = β·acc + s (β applied per notification: the connection's own events are its clock); Decaying
//   acc = γ·acc + s where the fading γ applies once per sample to every connection of the net, notified or
//   not. Decaying is applied lazily: a neuron's row is faded by γ^(samples since it was last brought up to
//   date) when it is next notified, which equals fading all rows every sample (fading alone never reaches the
//   threshold) without touching the silent ones.
// - A notified connection with acc ≠ 0 and |acc| ≥ T fires: the optimizer applies acc as its gradient (one
//   net.step() per sample, zero gradient elsewhere), acc resets to 0, and the source neuron i receives the
//   credit w_ji·δ_j (w before the sample's update). Relative thresholds use T × √(running mean of share²) of
//   the layer, the running mean taking in the current sample's shares first (kThresholdScaleRate).
// - A hidden neuron that received credit has the error δ_i = f'(z_i)·Σ credit. If it received none, or its
//   error is exactly zero (a ReLU that is off), it stays silent: its connections are not notified at all.
// With T = 0 (Absolute, Plain) every connection with a non-zero share fires and passes on exactly backprop's
// terms (a connection whose share is zero because a_i = 0 would pass credit only to a neuron whose own slope
// is zero, for ReLU), so the rule is per-sample SGD.
#include "engine/rules/threshold_rule.hpp"

#include "engine/rules/rule_factories.hpp"

#include <cmath>

namespace phasor {

ThresholdRule::ThresholdRule(const RuleNet& net) {
    const BatchMlp& mlp = net.mlp();
    for (const BatchLayer& layer : mlp.layers()) {
        // Laid out as the weights are (out × in, by column), so the pass over a sample's connections runs
        // down contiguous columns of the accumulators, weights and gradients alike.
        acc_.emplace_back(Mat::Zero(layer.out(), layer.in()));
        acc_b_.emplace_back(Vec::Zero(layer.out()));
        faded_to_.emplace_back(static_cast<std::size_t>(layer.out()), 0);
        delta_.emplace_back(Vec::Zero(layer.out()));
        credit_.emplace_back(Vec::Zero(layer.out()));
        heard_.emplace_back(static_cast<std::size_t>(layer.out()), 0);
        active_.emplace_back(static_cast<std::size_t>(layer.out()), 0);
    }
    mean_sq_.assign(acc_.size(), -1.f);
    written_.resize(acc_.size());
    n_active_.assign(acc_.size(), 0);
    P_.resize(mlp.out(), 1);
    dZ_.resize(mlp.out(), 1);
}

float ThresholdRule::fade(std::size_t layer, int j) const {
    if (settings_.accumulation != Accumulation::Decaying) return 1.f;
    const std::int64_t behind = sample_ - faded_to_[layer][static_cast<std::size_t>(j)];
    return behind > 0 ? std::pow(settings_.accumulation_decay, static_cast<float>(behind)) : 1.f;
}

void ThresholdRule::catch_up(std::size_t layer, int j) {
    const float factor = fade(layer, j);
    if (factor != 1.f) {
        acc_[layer].row(j) *= factor;
        acc_b_[layer](j) *= factor;
    }
    faded_to_[layer][static_cast<std::size_t>(j)] = sample_;
}

float ThresholdRule::accumulator(std::size_t layer, int j, int i) const {
    return acc_[layer](j, i) * fade(layer, j);
}
float ThresholdRule::bias_accumulator(std::size_t layer, int j) const {
    return acc_b_[layer](j) * fade(layer, j);
}
float ThresholdRule::scale(std::size_t layer) const {
    return mean_sq_[layer] < 0.f ? 0.f : std::sqrt(mean_sq_[layer]);
}

void ThresholdRule::clear_state() {
    for (std::size_t l = 0; l < acc_.size(); ++l) {
        acc_[l].setZero();
        acc_b_[l].setZero();
        std::fill(faded_to_[l].begin(), faded_to_[l].end(), 0);
        mean_sq_[l] = -1.f;
    }
    sample_ = 0;
}

std::int64_t ThresholdRule::state_bytes() const {
    std::int64_t bytes = 0;
    for (std::size_t l = 0; l < acc_.size(); ++l)
        bytes +=
            4 * (acc_[l].size() + acc_b_[l].size()) + 8 * static_cast<std::int64_t>(faded_to_[l].size()) + 4;
    return bytes;
}

float ThresholdRule::train(RuleNet& net, const CMatRef& X, std::span<const std::int32_t> labels,
                           std::span<LayerCounts> counts, int* correct) {
    BatchMlp& mlp = net.mlp();
    const std::size_t L = net.layers();
    const Eigen::Index B = X.cols();
    const bool momentum = settings_.accumulation == Accumulation::Momentum;
    const float beta = settings_.accumulation_decay;
    // Another rule may have left gradients behind; from here on only the rows written are cleared again.
    for (std::size_t l = 0; l < L; ++l) {
        net.weight_grad(l).setZero();
        net.bias_grad(l).setZero();
    }
    double loss = 0;
    int right = 0;
    for (Eigen::Index s = 0; s < B; ++s) {
        ++sample_;
        mlp.forward(X.middleCols(s, 1));
        int ok = 0;
        loss += softmax_cross_entropy(mlp.logits(), labels.subspan(static_cast<std::size_t>(s), 1),
                                      P_.leftCols(1), dZ_.leftCols(1), &ok);
        right += ok;

        n_active_[L - 1] = 0;
        for (int j = 0; j < mlp.out(); ++j) {
            delta_[L - 1](j) = dZ_(j, 0);
            if (dZ_(j, 0) != 0.f) active_[L - 1][static_cast<std::size_t>(n_active_[L - 1]++)] = j;
        }
        for (std::size_t l = L; l-- > 0;) {
            const BatchLayer& layer = mlp.layers()[l];
            const int in = layer.in();
            const int n = n_active_[l];
            if (l > 0) {
                credit_[l - 1].setZero();
                std::fill(heard_[l - 1].begin(), heard_[l - 1].end(), 0);
                n_active_[l - 1] = 0;
            }
            if (n == 0) continue;
            const float* a = l == 0 ? X.col(s).data() : mlp.activation(l - 1).data();
            float T = settings_.threshold_of(l);
            if (settings_.threshold_scale == ThresholdScale::Relative) {
                // Σ over the notified connections of (δ_j·a_i)² factors into Σδ_j² · (Σa_i² + 1 for the
                // bias), so the sample's mean share² is known before any connection is visited.
                double d2 = 0, a2 = 1;
                for (int k = 0; k < n; ++k)
                    d2 += double(delta_[l](active_[l][static_cast<std::size_t>(k)])) *
                          delta_[l](active_[l][static_cast<std::size_t>(k)]);
                for (int i = 0; i < in; ++i) a2 += double(a[i]) * a[i];
                const auto sample_mean = static_cast<float>(d2 * a2 / (double(n) * (in + 1)));
                mean_sq_[l] = mean_sq_[l] < 0.f
                                  ? sample_mean
                                  : mean_sq_[l] + kThresholdScaleRate * (sample_mean - mean_sq_[l]);
                T *= std::sqrt(mean_sq_[l]);
            }
            Mat& gW = net.weight_grad(l);
            Vec& gb = net.bias_grad(l);
            float* credit = l > 0 ? credit_[l - 1].data() : nullptr;
            char* heard = l > 0 ? heard_[l - 1].data() : nullptr;
            std::int64_t fired = 0;
            const int* rows = active_[l].data();
            for (int k = 0; k < n; ++k) catch_up(l, rows[k]);
            for (int i = 0; i < in; ++i) {
                const float ai = a[i];
                float* acc = acc_[l].col(i).data();
                float* g = gW.col(i).data();
                const float* w = layer.W.col(i).data();
                float passed = 0.f;
                bool any = false;
                for (int k = 0; k < n; ++k) {
                    const int j = rows[k];
                    const float d = delta_[l](j);
                    const float v = momentum ? beta * acc[j] + d * ai : acc[j] + d * ai;
                    if (v != 0.f && std::abs(v) >= T) {
                        g[j] = v;
                        acc[j] = 0.f;
                        ++fired;
                        passed += w[j] * d;
                        any = true;
                    } else {
                        acc[j] = v;
                    }
                }
                if (credit && any) {
                    credit[i] += passed;
                    heard[i] = 1;
                }
            }
            for (int k = 0; k < n; ++k) {
                const int j = rows[k];
                const float d = delta_[l](j);
                float& ab = acc_b_[l](j);
                const float v = momentum ? beta * ab + d : ab + d;
                if (v != 0.f && std::abs(v) >= T) {
                    gb(j) = v;
                    ab = 0.f;
                    ++fired;
                } else {
                    ab = v;
                }
            }
            counts[l].notifications += static_cast<std::int64_t>(n) * (in + 1);
            counts[l].fired += fired;
            if (l == 0) continue;
            Vec& below = delta_[l - 1];
            derivative_elementwise(mlp.layers()[l - 1].f, mlp.pre_activation(l - 1).col(0),
                                   mlp.activation(l - 1).col(0), credit_[l - 1], below);
            int m = 0;
            for (int i = 0; i < in; ++i)
                if (heard[i] && below(i) != 0.f) active_[l - 1][static_cast<std::size_t>(m++)] = i;
            n_active_[l - 1] = m;
        }
        for (std::size_t l = 0; l < L; ++l)
            written_[l] = std::span<const int>(active_[l].data(), static_cast<std::size_t>(n_active_[l]));
        net.step(written_);
        for (std::size_t l = 0; l < L; ++l) {
            // A row is strided in the weights' layout: many rows are cleared faster as the whole matrix.
            if (4 * n_active_[l] > mlp.layers()[l].out()) {
                net.weight_grad(l).setZero();
                net.bias_grad(l).setZero();
                continue;
            }
            for (int k = 0; k < n_active_[l]; ++k) {
                const int j = active_[l][static_cast<std::size_t>(k)];
                net.weight_grad(l).row(j).setZero();
                net.bias_grad(l)(j) = 0.f;
            }
        }
    }
    if (correct) *correct = right;
    return B > 0 ? static_cast<float>(loss / static_cast<double>(B)) : 0.f;
}

std::unique_ptr<LearningRule> make_threshold_rule(const RuleNet& net) {
    return std::make_unique<ThresholdRule>(net);
}

} // namespace phasor
