// Reading typed values out of a parsed preset, with every error pointing at where the value came from: the
// file's line and column, or the --set override that supplied it. Internal to engine/preset.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <toml++/toml.h>
#include <vector>

namespace phasor {

class PresetSource {
  public:
    PresetSource(std::string file, const toml::table& root) : file_(std::move(file)), root_(root) {}

    // From now on, errors about `key` name the override `text` instead of a file position.
    void mark_override(std::string key, std::string text) { overrides_[std::move(key)] = std::move(text); }

    // "file:line:col" of the key's value, "--set text" when it was overridden, else the nearest enclosing
    // table that is in the file, else line 1.
    std::string where(std::string_view key) const;
    // Same, but at a given position inside the key's value (an array element).
    std::string where(std::string_view key, const toml::source_region& at) const;
    std::string position(const toml::source_region& at) const;

    [[noreturn]] void fail(std::string_view key, std::string_view what) const;
    [[noreturn]] void fail_at(std::string_view key, const toml::source_region& at,
                              std::string_view what) const;

    // Typed getters: nullopt when the key is absent, InputError when it has the wrong type.
    std::optional<std::string> string(std::string_view key) const;
    std::optional<std::int64_t> integer(std::string_view key) const;
    // An integer that fits `int`.
    std::optional<int> int32(std::string_view key) const;
    // A float or an integer (TOML writes 1 and 1.0 differently; both are fine for a rate).
    std::optional<float> number(std::string_view key) const;
    std::optional<bool> boolean(std::string_view key) const;
    std::optional<std::vector<int>> int_array(std::string_view key) const;
    std::optional<std::vector<std::string>> string_array(std::string_view key) const;

    // The node at a dotted key, or null.
    const toml::node* find(std::string_view key) const;
    const toml::table& root() const { return root_; }

  private:
    [[noreturn]] void wrong_type(std::string_view key, const toml::node& n, std::string_view expected) const;

    std::string file_;
    const toml::table& root_;
    std::map<std::string, std::string, std::less<>> overrides_;
};

// "an integer", "a string", ... for messages.
std::string_view type_phrase(const toml::node& n);

} // namespace phasor
