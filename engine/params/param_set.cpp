// ParamSet (param_set.hpp).
#include "engine/params/param_set.hpp"

#include "engine/runtime/family.hpp"

#include <fmt/format.h>
#include <stdexcept>

namespace phasor {

ParamSet::ParamSet(const Family& family) : family_(&family) {
    for (const ParamSpec& row : family.params.rows()) values_.push_back(row.default_value);
}

const ParamTable& ParamSet::table() const {
    return family_->params;
}

const ParamValue& ParamSet::value(std::string_view key) const {
    return values_[table().index(key)];
}

std::optional<std::string> ParamSet::set(std::string_view key, ParamValue value) {
    const ParamSpec* row = table().find(key);
    if (!row) return unknown_parameter(table(), key);
    if (auto why = check_value(*row, value)) return fmt::format("{}: {}", key, *why);
    values_[table().index(key)] = std::move(value);
    return std::nullopt;
}

template <class T> const T& ParamSet::typed(std::string_view key) const {
    const ParamValue& v = value(key);
    if (const T* t = std::get_if<T>(&v)) return *t;
    throw std::logic_error(fmt::format("parameter {} holds another type", key));
}

float ParamSet::real(std::string_view key) const {
    return typed<float>(key);
}
std::int64_t ParamSet::integer(std::string_view key) const {
    return typed<std::int64_t>(key);
}
bool ParamSet::flag(std::string_view key) const {
    return typed<bool>(key);
}
const std::string& ParamSet::text(std::string_view key) const {
    return typed<std::string>(key);
}
const std::vector<std::int64_t>& ParamSet::integers(std::string_view key) const {
    return typed<std::vector<std::int64_t>>(key);
}
const std::vector<std::string>& ParamSet::texts(std::string_view key) const {
    return typed<std::vector<std::string>>(key);
}
bool ParamSet::is_set(std::string_view key) const {
    return !std::holds_alternative<std::monostate>(value(key));
}

bool ParamSet::operator==(const ParamSet& other) const {
    return family_ == other.family_ && values_ == other.values_;
}

std::string unknown_parameter(const ParamTable& table, std::string_view key) {
    std::vector<std::string_view> keys;
    for (const ParamSpec& row : table.rows()) keys.push_back(row.key);
    const std::string_view near = closest_name(key, keys);
    return fmt::format("unknown parameter '{}'{}", key,
                       near.empty() ? std::string{} : fmt::format("; did you mean '{}'?", near));
}

} // namespace phasor
