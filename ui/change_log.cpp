// The change-log file and its replay command (change_log.hpp).
#include "ui/change_log.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace phasor::ui {

namespace {

// A shell word: quoted with '…' when it holds anything but plain characters.
std::string shell_word(std::string_view s) {
    const bool plain = !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) ||
               std::string_view("._-/:=,+").find(c) != std::string_view::npos;
    });
    if (plain) return std::string(s);
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

bool trains(const Change& c) {
    return c.key == "reset" || std::find(kRunControl.begin(), kRunControl.end(), c.key) == kRunControl.end();
}

} // namespace

std::string replay_command(const RunOrigin& origin, std::span<const Change> log, std::uint64_t tick) {
    std::size_t from = 0;
    std::string preset = origin.preset;
    std::vector<std::string> sets = origin.sets;
    for (std::size_t i = 0; i < log.size(); ++i)
        if (log[i].key == "load") {
            from = i + 1;
            preset =
                log[i].value.size() >= 2 ? log[i].value.substr(1, log[i].value.size() - 2) : log[i].value;
            sets.clear();
        }
    std::string command = fmt::format("phasor run --preset {}", shell_word(preset));
    for (const std::string& set : sets) command += fmt::format(" --set {}", shell_word(set));
    std::uint64_t last = 0; // the last change's tick in the final run, which must come before the end
    std::string at;
    for (std::size_t i = from; i < log.size(); ++i) {
        const Change& c = log[i];
        if (!trains(c)) continue;
        if (c.key == "reset") {
            at += fmt::format(" --at {}", shell_word(fmt::format("{}:reset", c.tick)));
        } else {
            // Changes applied as one are replayed as one entry: either alone may not fit the rest.
            std::vector<Setting> settings{{c.key, c.value}};
            while (i + 1 < log.size() && log[i + 1].joined) {
                ++i;
                settings.push_back({log[i].key, log[i].value});
            }
            at +=
                fmt::format(" --at {}", shell_word(fmt::format("{}:{}", c.tick, script_settings(settings))));
        }
        last = c.rebuilds ? 0 : c.tick + 1;
    }
    return command + fmt::format(" --ticks {}", std::max(tick, last)) + at;
}

std::string change_log_json(const RunOrigin& origin, std::span<const Change> log, std::uint64_t tick) {
    using json = nlohmann::ordered_json;
    json changes = json::array();
    for (const Change& c : log)
        changes.push_back({{"tick", c.tick},
                           {"run", c.run},
                           {"key", c.key},
                           {"value", c.value},
                           {"rebuilds", c.rebuilds},
                           {"joined", c.joined}});
    const json out = {{"preset", origin.preset},
                      {"sets", origin.sets},
                      {"tick", tick},
                      {"changes", changes},
                      {"replay", replay_command(origin, log, tick)}};
    return out.dump(2) + "\n";
}

} // namespace phasor::ui
