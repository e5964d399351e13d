// Helpers for tests that build the stepped network from parameters: shipped presets, the defaults with a few
// changes, the StepNet inside a Run, weight comparisons, series writers, and a snapshot filled the way the
// runtime fills one (payload from make_payload(), headline sized by the family).
#pragma once
#include "engine/params/param_set.hpp"
#include "engine/params/param_toml.hpp"
#include "engine/preset/preset.hpp"
#include "engine/runtime/run.hpp"
#include "engine/stepnet/stepnet.hpp"
#include "engine/stepnet/stepnet_family.hpp"
#include "engine/stepnet/stepnet_view.hpp"
#include "support/runtime_support.hpp"

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace phasor::testing {

inline std::filesystem::path preset_file(std::string_view name) {
    return std::filesystem::path(PHASOR_SOURCE_DIR) / "assets" / "presets" / (std::string(name) + ".toml");
}

// A shipped preset, with --set style overrides.
inline ParamSet shipped(std::string_view name, const std::vector<std::string>& overrides = {}) {
    return load_preset(preset_file(name), overrides);
}

using Changes = std::vector<std::pair<std::string_view, std::string_view>>;

// `params` with each (key, value as typed) applied in order; a change the table refuses is a bug in the test.
inline ParamSet with(ParamSet params, const Changes& changes) {
    for (const auto& [key, text] : changes) {
        const ParamSpec* row = params.table().find(key);
        if (!row) throw std::logic_error("no parameter " + std::string(key));
        if (auto why = params.set(key, parse_value(*row, text))) throw std::logic_error(*why);
    }
    return params;
}

// The stepped network's defaults (as `phasor params` lists them) with `changes`.
inline ParamSet stepnet_params(const Changes& changes = {}) {
    return with(ParamSet(stepnet_family()), changes);
}

inline StepNet& stepnet(Run& run) {
    return dynamic_cast<StepNet&>(run.model());
}
inline const StepNet& stepnet(const Run& run) {
    return dynamic_cast<const StepNet&>(run.model());
}

inline bool same_weights(const StepNet& a, const StepNet& b) {
    if (a.layer_count() != b.layer_count()) return false;
    for (std::size_t l = 0; l < a.layers().size(); ++l) {
        const DenseLayer &x = a.layers()[l], &y = b.layers()[l];
        if (x.W.rows() != y.W.rows() || x.W.cols() != y.W.cols() || x.b.size() != y.b.size()) return false;
        if (x.W != y.W || x.b != y.b) return false;
    }
    return true;
}

// A snapshot for a StepNet driven directly, sized and given its payload the way Run::fill does.
class Picture {
  public:
    explicit Picture(const StepNet& net) {
        snapshot.payload = net.make_payload();
        snapshot.family = &stepnet_family();
        snapshot.headline.resize(stepnet_family().headline.size());
    }
    void fill(StepNet& net) {
        snapshot.tick = net.ticks();
        net.fill(snapshot);
    }
    const StepNetView& view() const { return *snapshot.payload_as<StepNetView>(); }

    Snapshot snapshot;
};

// The row of the stepped network's table, for calling StepNet::set directly.
inline const ParamSpec& stepnet_row(std::string_view key) {
    const ParamSpec* row = stepnet_family().params.find(key);
    if (!row) throw std::logic_error("no parameter " + std::string(key));
    return *row;
}

} // namespace phasor::testing
