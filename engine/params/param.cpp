// Checking, formatting and looking up parameters (param.hpp).
#include "engine/params/param.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <stdexcept>

namespace phasor {

namespace {

template <class... F> struct Overloaded : F... { using F::operator()...; };
template <class... F> Overloaded(F...) -> Overloaded<F...>;

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

std::string quoted(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20)
                out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
            else
                out += c;
        }
    }
    return out + "\"";
}

// Shortest text that reads back to the same float; a trailing ".0" keeps it a TOML float.
std::string real_text(float v) {
    std::string s = fmt::format("{}", v);
    if (std::isfinite(v) && s.find_first_of(".e") == std::string::npos) s += ".0";
    return s;
}

std::string known_list(std::span<const std::string_view> choices) {
    return fmt::format("{}", fmt::join(choices, ", "));
}

std::optional<std::string> check_choice(const ParamSpec& row, const std::string& v) {
    if (std::find(row.choices.begin(), row.choices.end(), v) != row.choices.end()) return std::nullopt;
    const std::string_view near = closest_name(v, row.choices);
    return fmt::format("unknown value '{}' (known: {}){}", v, known_list(row.choices),
                       near.empty() ? std::string{} : fmt::format("; did you mean '{}'?", near));
}

std::string_view expected(ParamType type) {
    switch (type) {
    case ParamType::Real:
        return "a number";
    case ParamType::Integer:
        return "an integer";
    case ParamType::Flag:
        return "true or false";
    case ParamType::Choice:
    case ParamType::Text:
        return "a string";
    case ParamType::IntegerList:
        return "an array of integers";
    case ParamType::ChoiceList:
        return "an array of strings";
    }
    return "a value";
}

bool holds_type(ParamType type, const ParamValue& v) {
    switch (type) {
    case ParamType::Real:
        return std::holds_alternative<float>(v);
    case ParamType::Integer:
        return std::holds_alternative<std::int64_t>(v);
    case ParamType::Flag:
        return std::holds_alternative<bool>(v);
    case ParamType::Choice:
    case ParamType::Text:
        return std::holds_alternative<std::string>(v);
    case ParamType::IntegerList:
        return std::holds_alternative<std::vector<std::int64_t>>(v);
    case ParamType::ChoiceList:
        return std::holds_alternative<std::vector<std::string>>(v);
    }
    return false;
}

} // namespace

std::string_view to_string(ParamType type) {
    switch (type) {
    case ParamType::Real:
        return "float";
    case ParamType::Integer:
        return "int";
    case ParamType::Flag:
        return "bool";
    case ParamType::Choice:
        return "choice";
    case ParamType::IntegerList:
        return "list of ints";
    case ParamType::ChoiceList:
        return "list of choices";
    case ParamType::Text:
        return "text";
    }
    return "?";
}

std::string_view to_string(ParamApply apply) {
    switch (apply) {
    case ParamApply::Live:
        return "live";
    case ParamApply::Rebuild:
        return "rebuild";
    case ParamApply::Runner:
        return "phasor run";
    case ParamApply::Pace:
        return "pace";
    case ParamApply::Label:
        return "label";
    }
    return "?";
}

bool Range::contains(double v) const {
    const bool above = lo_open ? v > lo : v >= lo;
    const bool below = hi_open ? v < hi : v <= hi;
    return above && below;
}

std::string Range::describe() const {
    const bool has_lo = std::isfinite(lo), has_hi = std::isfinite(hi);
    if (has_lo && has_hi)
        return fmt::format("in {}{}, {}{}", lo_open ? '(' : '[', lo, hi, hi_open ? ')' : ']');
    if (has_lo) return fmt::format("{} {}", lo_open ? ">" : ">=", lo);
    if (has_hi) return fmt::format("{} {}", hi_open ? "<" : "<=", hi);
    return {};
}

std::optional<std::string> check_value(const ParamSpec& row, const ParamValue& value) {
    if (std::holds_alternative<std::monostate>(value)) {
        if (!row.automatic.empty()) return std::nullopt;
        return std::string("must be set");
    }
    if (!holds_type(row.type, value)) return fmt::format("expected {}", expected(row.type));
    const std::string bounds = row.range.describe();
    return std::visit(Overloaded{
                          [&](float v) -> std::optional<std::string> {
                              if (!std::isfinite(v)) return fmt::format("must be a finite number, got {}", v);
                              if (!row.range.contains(v)) return fmt::format("must be {}, got {}", bounds, v);
                              return std::nullopt;
                          },
                          [&](std::int64_t v) -> std::optional<std::string> {
                              if (!row.range.contains(static_cast<double>(v)))
                                  return fmt::format("must be {}, got {}", bounds, v);
                              return std::nullopt;
                          },
                          [&](const std::string& v) -> std::optional<std::string> {
                              if (row.type == ParamType::Choice) return check_choice(row, v);
                              return std::nullopt;
                          },
                          [&](const std::vector<std::int64_t>& v) -> std::optional<std::string> {
                              for (std::size_t i = 0; i < v.size(); ++i)
                                  if (auto why = check_element(row, v[i]))
                                      return fmt::format("element {} {}", i + 1, *why);
                              return std::nullopt;
                          },
                          [&](const std::vector<std::string>& v) -> std::optional<std::string> {
                              for (std::size_t i = 0; i < v.size(); ++i)
                                  if (auto why = check_element(row, v[i]))
                                      return fmt::format("element {}: {}", i + 1, *why);
                              return std::nullopt;
                          },
                          [](const auto&) -> std::optional<std::string> { return std::nullopt; },
                      },
                      value);
}

std::optional<std::string> check_element(const ParamSpec& row, const ParamValue& element) {
    if (const auto* v = std::get_if<std::int64_t>(&element)) {
        if (row.range.contains(static_cast<double>(*v))) return std::nullopt;
        return fmt::format("is {}, must be {}", *v, row.range.describe());
    }
    if (const auto* v = std::get_if<std::string>(&element)) return check_choice(row, *v);
    return std::string("is not a list element");
}

std::string to_toml(const ParamValue& value) {
    return std::visit(
        Overloaded{
            [](std::monostate) { return std::string("\"auto\""); },
            [](bool v) { return std::string(v ? "true" : "false"); },
            [](std::int64_t v) { return fmt::format("{}", v); },
            [](float v) { return real_text(v); },
            [](const std::string& v) { return quoted(v); },
            [](const std::vector<std::int64_t>& v) { return fmt::format("[{}]", fmt::join(v, ", ")); },
            [](const std::vector<std::string>& v) {
                std::vector<std::string> items;
                for (const auto& s : v) items.push_back(quoted(s));
                return fmt::format("[{}]", fmt::join(items, ", "));
            },
        },
        value);
}

std::string to_display(const ParamValue& value) {
    return std::visit(
        Overloaded{
            [](std::monostate) { return std::string("auto"); },
            [](float v) { return fmt::format("{}", v); },
            [](const std::string& v) { return v; },
            [](const std::vector<std::string>& v) { return fmt::format("[{}]", fmt::join(v, ", ")); },
            [&](const auto&) { return to_toml(value); },
        },
        value);
}

std::string_view closest_name(std::string_view name, std::span<const std::string_view> known) {
    std::string_view best;
    std::size_t best_distance = std::max<std::size_t>(2, name.size() / 3) + 1;
    for (std::string_view k : known) {
        std::size_t d = edit_distance(name, k);
        if (k.size() >= 2 && name.starts_with(k)) d = std::min<std::size_t>(d, 2);
        if (d < best_distance) best = k, best_distance = d;
    }
    return best;
}

ParamTable::ParamTable(std::vector<ParamSpec> rows) : rows_(std::move(rows)) {
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        const ParamSpec& row = rows_[i];
        for (std::size_t j = 0; j < i; ++j)
            if (rows_[j].key == row.key)
                throw std::logic_error(fmt::format("parameter {} listed twice", row.key));
        if (auto why = check_value(row, row.default_value))
            throw std::logic_error(fmt::format("default of {}: {}", row.key, *why));
        const auto dot = row.key.find('.');
        if (dot == std::string_view::npos) continue;
        const std::string_view section = row.key.substr(0, dot);
        if (row.key.find('.', dot + 1) != std::string_view::npos)
            throw std::logic_error(fmt::format("parameter {}: one level of table only", row.key));
        if (std::find(sections_.begin(), sections_.end(), section) == sections_.end())
            sections_.push_back(section);
    }
    for (const ParamSpec& row : rows_)
        if (!row.when_key.empty() && !find(row.when_key))
            throw std::logic_error(
                fmt::format("parameter {} depends on {}, which is not in the table", row.key, row.when_key));
}

const ParamSpec* ParamTable::find(std::string_view key) const {
    for (const ParamSpec& row : rows_)
        if (row.key == key) return &row;
    return nullptr;
}

std::size_t ParamTable::index(std::string_view key) const {
    for (std::size_t i = 0; i < rows_.size(); ++i)
        if (rows_[i].key == key) return i;
    throw std::logic_error(fmt::format("no parameter named {}", key));
}

std::vector<std::string_view> ParamTable::keys_in(std::string_view section) const {
    std::vector<std::string_view> keys;
    for (const ParamSpec& row : rows_) {
        const auto dot = row.key.find('.');
        if (section.empty() && dot == std::string_view::npos)
            keys.push_back(row.key);
        else if (!section.empty() && dot == section.size() && row.key.starts_with(section))
            keys.push_back(row.key.substr(dot + 1));
    }
    return keys;
}

} // namespace phasor
