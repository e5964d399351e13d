// Loss functions. Cross-entropy works on logits with a log-sum-exp so that confident outputs stay finite.
#include "engine/core/loss.hpp"

#include "engine/core/enum_names.hpp"

#include <cmath>

namespace phasor {

namespace {
constexpr std::array<EnumName<Loss>, 2> kLossNames{
    {{Loss::CrossEntropy, "cross_entropy"}, {Loss::MSE, "mse"}}};
} // namespace

std::string_view to_string(Loss l) {
    return name_of(kLossNames, l);
}
std::optional<Loss> parse_loss(std::string_view name) {
    return value_named(kLossNames, name);
}

float softmax_cross_entropy(const Vec& z, int label, Vec& p, Vec& dz) {
    const float m = z.maxCoeff();
    p = (z.array() - m).exp();
    const float s = p.sum();
    p /= s;
    dz = p;
    dz[label] -= 1.f;
    return -(z[label] - m - std::log(s));
}

float mse(const Vec& a, int label, Vec& da) {
    da = a;
    da[label] -= 1.f;
    return 0.5f * da.squaredNorm();
}

} // namespace phasor
