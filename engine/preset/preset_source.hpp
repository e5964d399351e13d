// Where a value of a parsed preset came from, so every error can point at it: the file's line and column, or
// the --set override that supplied it. Internal to engine/preset.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <toml++/toml.h>

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

    // The node at a dotted key, or null.
    const toml::node* find(std::string_view key) const;
    const toml::table& root() const { return root_; }

  private:
    std::string file_;
    const toml::table& root_;
    std::map<std::string, std::string, std::less<>> overrides_;
};

} // namespace phasor
