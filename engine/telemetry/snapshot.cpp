// Snapshot copies and lookups by name (snapshot.hpp).
#include "engine/telemetry/snapshot.hpp"

#include "engine/runtime/family.hpp"

#include <limits>

namespace phasor {

Snapshot::Snapshot(const Snapshot& other)
    : family(other.family), run(other.run), tick(other.tick), sequence(other.sequence), state(other.state),
      speed(other.speed), ticks_per_second(other.ticks_per_second), headline(other.headline),
      params(other.params), class_names(other.class_names), eval(other.eval), parts(other.parts),
      figures(other.figures), figure_lists(other.figure_lists), changes(other.changes),
      message(other.message), message_key(other.message_key),
      payload(other.payload ? other.payload->clone() : nullptr) {}

Snapshot& Snapshot::operator=(const Snapshot& other) {
    if (this != &other) {
        Snapshot copy(other);
        *this = std::move(copy);
    }
    return *this;
}

float Snapshot::metric(std::string_view name) const {
    if (family)
        for (std::size_t i = 0; i < family->headline.size() && i < headline.size(); ++i)
            if (family->headline[i].name == name) return headline[i];
    return std::numeric_limits<float>::quiet_NaN();
}

const ParamValue* Snapshot::param(std::string_view key) const {
    if (!family) return nullptr;
    const ParamSpec* row = family->params.find(key);
    if (!row) return nullptr;
    const auto i = static_cast<std::size_t>(row - family->params.rows().data());
    return i < params.size() ? &params[i] : nullptr;
}

} // namespace phasor
