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
std::vector<std::string_view> loss_names() {
    return names_of(kLossNames);
}

float softmax_cross_entropy(const Vec& z, int label, Vec& p, Vec& dz) {
    return softmax_cross_entropy(z, p, softmax(z, p), label, dz);
}

float softmax_cross_entropy(const Vec& z, const Vec& p, SoftmaxNorm norm, int label, Vec& dz) {
    dz = p;
    dz[label] -= 1.f;
    // log p_label from the logits (log-sum-exp), not from p: finite even when p_label underflows to 0.
    return -(z[label] - norm.max - std::log(norm.sum));
}

float mse(const Vec& a, int label, Vec& da) {
    da = a;
    da[label] -= 1.f;
    return 0.5f * da.squaredNorm();
}

} // namespace phasor
