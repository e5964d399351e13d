// The values of one family's parameters, in the order of its table: what a preset holds once loaded, what a
// run is built from, and what live changes update. Every value in it has passed its row's checks.
#pragma once
#include "engine/params/param.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace phasor {

struct Family;

class ParamSet {
  public:
    // Every row at its default.
    explicit ParamSet(const Family& family);

    const Family& family() const { return *family_; }
    const ParamTable& table() const;
    std::span<const ParamValue> values() const { return values_; }
    const ParamValue& value(std::string_view key) const;

    // Checks the value against its row; returns the reason when it does not fit (nothing changes then). The
    // reason names the key: "train.lr: must be > 0, got -1".
    std::optional<std::string> set(std::string_view key, ParamValue value);

    // Typed reads for a family building its model. std::logic_error for a key the table lacks or a value of
    // another type: both are bugs in the family, not bad input.
    float real(std::string_view key) const;
    std::int64_t integer(std::string_view key) const;
    bool flag(std::string_view key) const;
    const std::string& text(std::string_view key) const;
    const std::vector<std::int64_t>& integers(std::string_view key) const;
    const std::vector<std::string>& texts(std::string_view key) const;
    bool is_set(std::string_view key) const;

    bool operator==(const ParamSet& other) const;

  private:
    template <class T> const T& typed(std::string_view key) const;

    const Family* family_;
    std::vector<ParamValue> values_;
};

// "unknown parameter 'train.lrr'; did you mean 'train.lr'?"
std::string unknown_parameter(const ParamTable& table, std::string_view key);

} // namespace phasor
