// Helpers every family's tests share: a family's parameters named and changed in one call, and series writers
// that drop or keep the samples.
#pragma once
#include "engine/params/param_set.hpp"
#include "engine/telemetry/series.hpp"

#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace phasor::testing {

// The family's defaults, named `name`, with each (key, value) set in order; a value the table refuses is a
// bug in the test.
inline ParamSet named_params(const Family& family, std::string name,
                             std::initializer_list<std::pair<std::string_view, ParamValue>> changes = {}) {
    ParamSet p(family);
    if (auto why = p.set("name", std::move(name))) throw std::logic_error(*why);
    for (const auto& [key, value] : changes)
        if (auto why = p.set(key, value)) throw std::logic_error(*why);
    return p;
}

class NullSeries final : public SeriesWriter {
  public:
    void write(SeriesSample&) override {}
};

class SeriesLog final : public SeriesWriter {
  public:
    void write(SeriesSample& sample) override { samples.push_back(sample); }
    std::vector<SeriesSample> samples;
};

} // namespace phasor::testing
