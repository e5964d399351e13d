// The optimizers' names, the hyper-parameter checks they share, and the factory.
#include "engine/optim/optimizer.hpp"

#include "engine/core/error.hpp"
#include "engine/optim/adamw.hpp"
#include "engine/optim/lamb.hpp"
#include "engine/optim/lion.hpp"
#include "engine/optim/lookahead.hpp"
#include "engine/optim/sgd.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>

namespace phasor {

std::span<const char* const> optimizer_names() {
    static constexpr std::array<const char*, 4> names{"sgd", "adamw", "lion", "lamb"};
    return names;
}

std::vector<std::string_view> optimizer_choices() {
    std::vector<std::string_view> names;
    for (const char* name : optimizer_names()) names.emplace_back(name);
    return names;
}

// Every field is checked whichever optimizer is named: a field the optimizer ignores can still be set live
// (the Controls hide it), and a value it would refuse later must not get in now.
void validate(const OptimizerSpec& spec) {
    const auto names = optimizer_names();
    if (std::none_of(names.begin(), names.end(), [&](const char* name) { return spec.name == name; }))
        throw InputError(
            fmt::format("unknown optimizer '{}' (known: {})", spec.name, fmt::join(names, ", ")));
    if (!(spec.momentum >= 0.f && spec.momentum < 1.f))
        throw InputError(fmt::format("momentum must be in [0, 1), got {}", spec.momentum));
    if (!(std::isfinite(spec.weight_decay) && spec.weight_decay >= 0.f))
        throw InputError(fmt::format("weight_decay must be >= 0 and finite, got {}", spec.weight_decay));
    if (!(spec.beta1 >= 0.f && spec.beta1 < 1.f))
        throw InputError(fmt::format("beta1 must be in [0, 1), got {}", spec.beta1));
    if (!(spec.beta2 >= 0.f && spec.beta2 < 1.f))
        throw InputError(fmt::format("beta2 must be in [0, 1), got {}", spec.beta2));
    if (!(std::isfinite(spec.eps) && spec.eps > 0.f))
        throw InputError(fmt::format("eps must be > 0 and finite, got {}", spec.eps));
    if (!(spec.lookahead_steps >= 0))
        throw InputError(fmt::format("lookahead_steps must be >= 0, got {}", spec.lookahead_steps));
    if (!(spec.lookahead_alpha > 0.f && spec.lookahead_alpha <= 1.f))
        throw InputError(fmt::format("lookahead_alpha must be in (0, 1], got {}", spec.lookahead_alpha));
}

namespace {
std::unique_ptr<Optimizer> make_plain(const OptimizerSpec& spec) {
    if (spec.name == "adamw") return std::make_unique<AdamW>(spec);
    if (spec.name == "lion") return std::make_unique<Lion>(spec);
    if (spec.name == "lamb") return std::make_unique<Lamb>(spec);
    return std::make_unique<SgdMomentum>(spec);
}
} // namespace

std::unique_ptr<Optimizer> make_optimizer(const OptimizerSpec& spec) {
    validate(spec);
    // The inner optimizer gets the whole spec too, so that its own spec() and live checks agree with the
    // wrapper's.
    if (spec.lookahead_steps > 0) return std::make_unique<Lookahead>(spec, make_plain(spec));
    return make_plain(spec);
}

} // namespace phasor
