// Dense layer forward and backward passes. The small-matrix kernels take the shapes where they give Eigen's
// results bit for bit; Eigen's own products take the rest.
#include "engine/core/dense.hpp"

#include "engine/core/enum_names.hpp"

#include "engine/core/kernels.hpp"

#include <cmath>

namespace phasor {

namespace {
constexpr std::array<EnumName<Init>, 2> kInitNames{{{Init::He, "he"}, {Init::Xavier, "xavier"}}};
} // namespace

std::string_view to_string(Init init) {
    return name_of(kInitNames, init);
}
std::optional<Init> parse_init(std::string_view name) {
    return value_named(kInitNames, name);
}
std::vector<std::string_view> init_names() {
    return names_of(kInitNames);
}

DenseLayer::DenseLayer(int in, int out, Activation fn) : W(Mat::Zero(out, in)), b(Vec::Zero(out)), f(fn) {}

void DenseLayer::initialise(Init init, Rng& rng) {
    const int n_in = in(), n_out = out();
    if (init == Init::Xavier) {
        const float r = std::sqrt(6.f / static_cast<float>(n_in + n_out));
        for (int j = 0; j < n_in; ++j)
            for (int i = 0; i < n_out; ++i) W(i, j) = rng.uniform(-r, r);
    } else {
        const float s = std::sqrt(2.f / static_cast<float>(n_in));
        for (int j = 0; j < n_in; ++j)
            for (int i = 0; i < n_out; ++i) W(i, j) = rng.normal(0.f, s);
    }
    b.setZero();
}

void DenseLayer::forward(const Vec& x, Vec& z, Vec& a) const {
    linear(x, z);
    activate(f, z, a);
}

void DenseLayer::linear(const Vec& x, Vec& z) const {
    if (kernels::matvec_exact(out(), in())) {
        z.resize(out());
        kernels::matvec_bias(W.data(), out(), in(), x.data(), b.data(), z.data());
        return;
    }
    z.noalias() = W * x;
    z += b;
}

void DenseLayer::backward(const Vec& x, const Vec& z, const Vec& a, const Vec& upstream, Vec& delta, Mat& gW,
                          Vec& gb, Vec* dx) const {
    activation_backward(f, z, a, upstream, delta);
    backward_from_delta(x, delta, gW, gb, dx);
}

void DenseLayer::backward_from_delta(const Vec& x, const Vec& delta, Mat& gW, Vec& gb, Vec* dx) const {
    gW.resize(W.rows(), W.cols());
    kernels::outer(delta.data(), out(), x.data(), in(), gW.data());
    gb = delta;
    if (dx) backward_input(delta, *dx);
}

void DenseLayer::backward_input(const Vec& delta, Vec& dx) const {
    if (kernels::matvec_transposed_exact(out(), in())) {
        dx.resize(in());
        kernels::matvec_transposed(W.data(), out(), in(), delta.data(), dx.data());
    } else {
        dx.noalias() = W.transpose() * delta;
    }
}

} // namespace phasor
