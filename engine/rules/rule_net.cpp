// A rule lab learner's shared machinery (see rule_net.hpp).
#include "engine/rules/rule_net.hpp"

#include "engine/core/madd.hpp"

#include <bit>
#include <cmath>
#include <cstring>

namespace phasor {

float round_bf16(float x) {
    if (std::isnan(x)) return x;
    std::uint32_t bits = std::bit_cast<std::uint32_t>(x);
    // Round to nearest, ties to even, on the 16 bits that are dropped; an overflow carries into the
    // exponent and becomes infinity as bfloat16 would.
    bits += 0x7FFFu + ((bits >> 16) & 1u);
    bits &= 0xFFFF0000u;
    return std::bit_cast<float>(bits);
}

namespace {

template <class M> void round_into(const M& from, M& to) {
    to = from.unaryExpr([](float v) { return round_bf16(v); });
}

} // namespace

RuleNet::RuleNet(const RuleNetSpec& spec, Rng& init_rng)
    : spec_(spec), mlp_(spec.sizes, spec.hidden, Activation::Softmax, spec.init, init_rng, spec.max_batch),
      optimizer_(make_optimizer(spec.optimizer)) {
    mlp_.set_checkpoint_every(spec.checkpoint_every);
    for (const BatchLayer& layer : mlp_.layers()) {
        gW_.emplace_back(Mat::Zero(layer.out(), layer.in()));
        gb_.emplace_back(Vec::Zero(layer.out()));
        sumW_.emplace_back(Mat::Zero(layer.out(), layer.in()));
        sumb_.emplace_back(Vec::Zero(layer.out()));
        slots_.push_back(optimizer_->add_tensor(layer.W.size(), true));
        slots_.push_back(optimizer_->add_tensor(layer.b.size(), false));
        if (spec_.bf16) {
            masterW_.push_back(layer.W);
            masterb_.push_back(layer.b);
        }
    }
    updates_.assign(mlp_.layers().size(), 0);
    for (const BatchLayer& layer : mlp_.layers())
        row_updates_.push_back(Eigen::Matrix<std::int64_t, Eigen::Dynamic, 1>::Zero(layer.out()));
    refresh_working();
}

float RuleNet::layer_lr(std::size_t layer) const {
    const auto above = static_cast<float>(layers() - 1 - layer);
    return spec_.lr * std::pow(spec_.layer_lr_decay, above);
}

void RuleNet::set_lr(float lr, float layer_lr_decay) {
    spec_.lr = lr;
    spec_.layer_lr_decay = layer_lr_decay;
}

const Mat& RuleNet::master_weight(std::size_t layer) const {
    return spec_.bf16 ? masterW_[layer] : mlp_.layers()[layer].W;
}
const Vec& RuleNet::master_bias(std::size_t layer) const {
    return spec_.bf16 ? masterb_[layer] : mlp_.layers()[layer].b;
}

void RuleNet::refresh_working() {
    if (!spec_.bf16) return;
    for (std::size_t l = 0; l < layers(); ++l) {
        round_into(masterW_[l], mlp_.layers()[l].W);
        round_into(masterb_[l], mlp_.layers()[l].b);
    }
}

bool RuleNet::step() {
    const bool apply_now = ++pending_ >= spec_.accumulate;
    for (std::size_t l = 0; l < layers(); ++l) {
        if (spec_.accumulate > 1) {
            sumW_[l] += gW_[l];
            sumb_[l] += gb_[l];
        }
    }
    if (!apply_now) return false;
    for (std::size_t l = 0; l < layers(); ++l) {
        Mat& gW = spec_.accumulate > 1 ? sumW_[l] : gW_[l];
        Vec& gb = spec_.accumulate > 1 ? sumb_[l] : gb_[l];
        if (spec_.accumulate > 1) {
            gW /= static_cast<float>(spec_.accumulate);
            gb /= static_cast<float>(spec_.accumulate);
        }
        auto& rows = row_updates_[l];
        rows += (gW.array() != 0.f).rowwise().count().cast<std::int64_t>().matrix();
        rows += (gb.array() != 0.f).cast<std::int64_t>().matrix();
        updates_[l] = rows.sum();
        BatchLayer& layer = mlp_.layers()[l];
        float* W = spec_.bf16 ? masterW_[l].data() : layer.W.data();
        float* b = spec_.bf16 ? masterb_[l].data() : layer.b.data();
        const float lr = layer_lr(l);
        optimizer_->update(slots_[2 * l], {W, static_cast<std::size_t>(gW.size())},
                           {gW.data(), static_cast<std::size_t>(gW.size())}, lr);
        optimizer_->update(slots_[2 * l + 1], {b, static_cast<std::size_t>(gb.size())},
                           {gb.data(), static_cast<std::size_t>(gb.size())}, lr);
        if (spec_.accumulate > 1) {
            gW.setZero();
            gb.setZero();
        }
    }
    pending_ = 0;
    ++steps_applied_;
    refresh_working();
    return true;
}

bool RuleNet::rows_suffice() const {
    const OptimizerSpec& o = optimizer_->spec();
    return o.name == "sgd" && o.momentum == 0.f && o.weight_decay == 0.f && o.lookahead_steps == 0 &&
           spec_.accumulate == 1 && !spec_.bf16;
}

bool RuleNet::step(std::span<const std::span<const int>> rows) {
    if (!rows_suffice()) return step();
    for (std::size_t l = 0; l < layers(); ++l) {
        BatchLayer& layer = mlp_.layers()[l];
        const float minus_lr = -layer_lr(l);
        auto& counts = row_updates_[l];
        const std::span<const int> js = rows[l];
        // Column by column, as the weights lie: w ← w − lr·g, one fused multiply-add as SGD's own loop does.
        for (Eigen::Index i = 0; i < layer.W.cols(); ++i) {
            float* w = layer.W.col(i).data();
            const float* g = gW_[l].col(i).data();
            for (const int j : js) {
                if (g[j] == 0.f) continue;
                w[j] = madd(minus_lr, g[j], w[j]);
                ++counts(j);
                ++updates_[l];
            }
        }
        for (const int j : js) {
            if (gb_[l](j) == 0.f) continue;
            layer.b(j) = madd(minus_lr, gb_[l](j), layer.b(j));
            ++counts(j);
            ++updates_[l];
        }
    }
    ++steps_applied_;
    return true;
}

void RuleNet::restore(std::span<const Mat> W, std::span<const Vec> b) {
    for (std::size_t l = 0; l < layers(); ++l) {
        BatchLayer& layer = mlp_.layers()[l];
        if (spec_.bf16) {
            masterW_[l] = W[l];
            masterb_[l] = b[l];
        } else {
            layer.W = W[l];
            layer.b = b[l];
        }
        sumW_[l].setZero();
        sumb_[l].setZero();
    }
    pending_ = 0;
    optimizer_->clear_state();
    refresh_working();
}

std::int64_t RuleNet::memory_bytes() const {
    const std::int64_t params = mlp_.parameter_count();
    const std::int64_t weights = spec_.bf16 ? 2 * params + 4 * params : 4 * params;
    const std::int64_t gradients = 4 * params * (spec_.accumulate > 1 ? 2 : 1);
    // Floats of state per parameter, by optimizer: momentum's velocity, Adam's and LAMB's two moments,
    // Lion's one; Lookahead adds its slow weights.
    std::int64_t state = 0;
    const OptimizerSpec& o = optimizer_->spec();
    if (o.name == "sgd") state = o.momentum > 0.f ? 1 : 0;
    if (o.name == "adamw" || o.name == "lamb") state = 2;
    if (o.name == "lion") state = 1;
    if (o.lookahead_steps > 0) state += 1;
    // The pre-activations and activations the forward pass keeps, at the passes' precision.
    const std::int64_t activations = mlp_.activation_floats() * (spec_.bf16 ? 2 : 4);
    return weights + gradients + 4 * params * state + activations;
}

bool RuleNet::finite() const {
    for (std::size_t l = 0; l < layers(); ++l)
        if (!master_weight(l).allFinite() || !master_bias(l).allFinite()) return false;
    return true;
}

} // namespace phasor
