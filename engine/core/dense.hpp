// A fully connected layer y = f(W x + b) with its gradients; the buffers it works in are owned by the caller.
#pragma once
#include "engine/core/activation.hpp"
#include "engine/core/rng.hpp"
#include "engine/core/tensor.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace phasor {

enum class Init { Xavier, He };

std::string_view to_string(Init init);
std::optional<Init> parse_init(std::string_view name);
std::vector<std::string_view> init_names();

struct DenseLayer {
    Mat W; // out × in
    Vec b; // out
    Activation f = Activation::Identity;

    DenseLayer() = default;
    DenseLayer(int in, int out, Activation f);
    int in() const { return static_cast<int>(W.cols()); }
    int out() const { return static_cast<int>(W.rows()); }
    int parameter_count() const { return static_cast<int>(W.size() + b.size()); }

    // Xavier: uniform ±sqrt(6/(in+out)); He: normal with stddev sqrt(2/in). Biases start at zero.
    void initialise(Init init, Rng& rng);

    void forward(const Vec& x, Vec& z, Vec& a) const;
    // z = W x + b only (the caller applies the activation, e.g. to keep the softmax's normaliser).
    void linear(const Vec& x, Vec& z) const;
    // Given dL/da (upstream), computes delta = dL/dz and accumulates nothing: gW = delta xᵀ, gb = delta,
    // and, when dx is non-null, dx = Wᵀ delta.
    void backward(const Vec& x, const Vec& z, const Vec& a, const Vec& upstream, Vec& delta, Mat& gW, Vec& gb,
                  Vec* dx) const;
    // Same, starting from delta = dL/dz directly (used when the loss folds in the activation).
    void backward_from_delta(const Vec& x, const Vec& delta, Mat& gW, Vec& gb, Vec* dx) const;
    // dx = Wᵀ delta only, the error passed to the layer below.
    void backward_input(const Vec& delta, Vec& dx) const;
};

} // namespace phasor
