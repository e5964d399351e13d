// TOML nodes and typed text to parameter values (param_toml.hpp).
#include "engine/params/param_toml.hpp"

#include "engine/core/error.hpp"

#include <fmt/format.h>

namespace phasor {

namespace {

ValueError wrong_type(const ParamSpec& row, const toml::node& node) {
    const std::string_view wanted = row.type == ParamType::Real          ? "a number"
                                    : row.type == ParamType::Integer     ? "an integer"
                                    : row.type == ParamType::Flag        ? "true or false"
                                    : row.type == ParamType::IntegerList ? "an array of integers"
                                    : row.type == ParamType::ChoiceList  ? "an array of strings"
                                                                         : "a string";
    return {fmt::format("expected {}, got {}", wanted, type_phrase(node)), &node};
}

// A list row's elements, each converted and checked where it stands in the file.
template <class T>
std::variant<ParamValue, ValueError> read_list(const ParamSpec& row, const toml::node& node,
                                               std::string_view wanted) {
    const toml::array* array = node.as_array();
    if (!array) return wrong_type(row, node);
    std::vector<T> out;
    int index = 0;
    for (const toml::node& element : *array) {
        ++index;
        const auto* value = element.as<T>();
        if (!value)
            return ValueError{
                fmt::format("expected {}, element {} is {}", wanted, index, type_phrase(element)), &element};
        const T v = value->get();
        if (auto why = check_element(row, v)) {
            const std::string_view separator = row.type == ParamType::ChoiceList ? ": " : " ";
            return ValueError{fmt::format("element {}{}{}", index, separator, *why), &element};
        }
        out.push_back(v);
    }
    return ParamValue{std::move(out)};
}

std::variant<ParamValue, ValueError> convert(const ParamSpec& row, const toml::node& node) {
    // An optional row goes back to its automatic value with the word "auto" (--set train.delay_depth=auto).
    if (const auto* v = node.as_string(); v && !row.automatic.empty() && v->get() == "auto")
        return ParamValue{std::monostate{}};
    switch (row.type) {
    case ParamType::Real:
        if (const auto* v = node.as_integer()) return ParamValue{static_cast<float>(v->get())};
        if (const auto* v = node.as_floating_point()) return ParamValue{static_cast<float>(v->get())};
        break;
    case ParamType::Integer:
        if (const auto* v = node.as_integer()) return ParamValue{v->get()};
        break;
    case ParamType::Flag:
        if (const auto* v = node.as_boolean()) return ParamValue{v->get()};
        break;
    case ParamType::Choice:
    case ParamType::Text:
        if (const auto* v = node.as_string()) return ParamValue{std::string(v->get())};
        break;
    case ParamType::IntegerList:
        return read_list<std::int64_t>(row, node, "an array of integers");
    case ParamType::ChoiceList:
        return read_list<std::string>(row, node, "an array of strings");
    }
    return wrong_type(row, node);
}

} // namespace

std::variant<ParamValue, ValueError> read_value(const ParamSpec& row, const toml::node& node) {
    auto converted = convert(row, node);
    if (auto* error = std::get_if<ValueError>(&converted)) return std::move(*error);
    ParamValue& value = std::get<ParamValue>(converted);
    if (auto why = check_value(row, value)) return ValueError{std::move(*why), &node};
    return std::move(value);
}

toml::table value_table(std::string_view text) {
    toml::table parsed;
    try {
        parsed = toml::parse(fmt::format("v = {}", text));
    } catch (const toml::parse_error&) {
        parsed.insert_or_assign("v", std::string(text));
    }
    return parsed;
}

namespace {

// "[relu, tanh, softmax]" or "relu,softmax" typed without quotes, as a TOML array of strings.
std::string quoted_list(std::string_view text) {
    const auto first = text.find_first_not_of(" \t["), last = text.find_last_not_of(" \t]");
    if (first == std::string_view::npos || last < first) return "[]";
    std::string out = "[";
    std::string_view rest = text.substr(first, last - first + 1);
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        std::string_view item = rest.substr(0, comma);
        const auto a = item.find_first_not_of(" \t\""), b = item.find_last_not_of(" \t\"");
        item = a == std::string_view::npos ? std::string_view{} : item.substr(a, b - a + 1);
        out += fmt::format("{}\"{}\"", out.size() > 1 ? ", " : "", item);
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    }
    return out + "]";
}

} // namespace

ParamValue convert_value(const ParamSpec& row, std::string_view text) {
    toml::table parsed = value_table(text);
    const toml::node& v = *parsed.get("v");
    const bool automatic = !row.automatic.empty() && v.is_string() && v.as_string()->get() == "auto";
    if (row.type == ParamType::ChoiceList && v.is_string() && !automatic)
        parsed = value_table(quoted_list(text));
    auto value = convert(row, *parsed.get("v"));
    if (auto* error = std::get_if<ValueError>(&value)) throw InputError(error->reason);
    return std::move(std::get<ParamValue>(value));
}

ParamValue parse_value(const ParamSpec& row, std::string_view text) {
    ParamValue value = convert_value(row, text);
    if (auto why = check_value(row, value)) throw InputError(*why);
    return value;
}

std::string_view type_phrase(const toml::node& n) {
    switch (n.type()) {
    case toml::node_type::table:
        return "a table";
    case toml::node_type::array:
        return "an array";
    case toml::node_type::string:
        return "a string";
    case toml::node_type::integer:
        return "an integer";
    case toml::node_type::floating_point:
        return "a float";
    case toml::node_type::boolean:
        return "a boolean";
    case toml::node_type::date:
        return "a date";
    case toml::node_type::time:
        return "a time";
    case toml::node_type::date_time:
        return "a date-time";
    case toml::node_type::none:
        break;
    }
    return "nothing";
}

} // namespace phasor
