// Typed access to a parsed preset with errors that point at the file position or the --set override.
#include "engine/preset/preset_source.hpp"

#include "engine/core/error.hpp"

#include <fmt/format.h>

namespace phasor {

const toml::node* PresetSource::find(std::string_view key) const {
    const toml::node* n = &root_;
    while (n) {
        const auto* table = n->as_table();
        if (!table) return nullptr;
        const auto dot = key.find('.');
        n = table->get(key.substr(0, dot));
        if (dot == std::string_view::npos) return n;
        key.remove_prefix(dot + 1);
    }
    return nullptr;
}

std::string PresetSource::position(const toml::source_region& at) const {
    return fmt::format("{}:{}:{}", file_, at.begin.line, at.begin.column);
}

std::string PresetSource::where(std::string_view key) const {
    if (auto it = overrides_.find(key); it != overrides_.end()) return "--set " + it->second;
    // Nodes made for an override have no position (line 0); walk up to the nearest one that has.
    for (std::string_view k = key; !k.empty();) {
        if (const toml::node* n = find(k); n && n->source().begin.line > 0) return position(n->source());
        const auto dot = k.rfind('.');
        k = dot == std::string_view::npos ? std::string_view{} : k.substr(0, dot);
    }
    return file_ + ":1:1";
}

std::string PresetSource::where(std::string_view key, const toml::source_region& at) const {
    if (overrides_.contains(key) || at.begin.line == 0) return where(key);
    return position(at);
}

void PresetSource::fail(std::string_view key, std::string_view what) const {
    throw InputError(fmt::format("{}: {}: {}", where(key), key, what));
}

void PresetSource::fail_at(std::string_view key, const toml::source_region& at, std::string_view what) const {
    throw InputError(fmt::format("{}: {}: {}", where(key, at), key, what));
}

} // namespace phasor
