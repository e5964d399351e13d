// One table per enum gives both directions of its name, so to_string and parse can never disagree.
#pragma once
#include <array>
#include <optional>
#include <string_view>
#include <vector>

namespace phasor {

template <class E> struct EnumName {
    E value;
    std::string_view name;
};

template <class E, std::size_t N>
constexpr std::string_view name_of(const std::array<EnumName<E>, N>& table, E value) {
    for (const auto& entry : table)
        if (entry.value == value) return entry.name;
    return "?";
}

// Every name, in the table's order: the choices a parameter of this enum offers.
template <class E, std::size_t N>
std::vector<std::string_view> names_of(const std::array<EnumName<E>, N>& table) {
    std::vector<std::string_view> names;
    for (const auto& entry : table) names.push_back(entry.name);
    return names;
}

template <class E, std::size_t N>
constexpr std::optional<E> value_named(const std::array<EnumName<E>, N>& table, std::string_view name) {
    for (const auto& entry : table)
        if (entry.name == name) return entry.value;
    return std::nullopt;
}

} // namespace phasor
