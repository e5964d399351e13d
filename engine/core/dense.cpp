// Dense layer forward and backward passes.
#include "engine/core/dense.hpp"

#include <cmath>

namespace phasor {

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
    z.noalias() = W * x;
    z += b;
    activate(f, z, a);
}

void DenseLayer::backward(const Vec& x, const Vec& z, const Vec& a, const Vec& upstream, Vec& delta, Mat& gW,
                          Vec& gb, Vec* dx) const {
    activation_backward(f, z, a, upstream, delta);
    backward_from_delta(x, delta, gW, gb, dx);
}

void DenseLayer::backward_from_delta(const Vec& x, const Vec& delta, Mat& gW, Vec& gb, Vec* dx) const {
    gW.noalias() = delta * x.transpose();
    gb = delta;
    if (dx) dx->noalias() = W.transpose() * delta;
}

} // namespace phasor
