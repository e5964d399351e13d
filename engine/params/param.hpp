// A parameter described once: key, type, range, default, unit, how a change applies, and a line of help. A
// family's table of them drives preset loading, --set, the live "set parameter" command, the Controls panel,
// saved presets, `phasor params` and the log of live changes.
#pragma once
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace phasor {

enum class ParamType {
    Real,        // float32, as every model computes in it
    Integer,     // 64-bit
    Flag,        // true / false
    Choice,      // one of `choices`
    IntegerList, // [4, 32, 16, 3]
    ChoiceList,  // ["relu", "tanh", "softmax"], each one of `choices`
    Text,        // free text (a preset's name and description)
};

std::string_view to_string(ParamType type);

// std::monostate is "not set": the row's `automatic` text says what the run derives instead.
using ParamValue = std::variant<std::monostate, bool, std::int64_t, float, std::string,
                                std::vector<std::int64_t>, std::vector<std::string>>;

// How a change to the parameter reaches a run.
enum class ParamApply {
    Live,    // the running model takes it on the next tick
    Rebuild, // a new run is built from the changed parameters, from tick 0
    Runner,  // read by `phasor run` only (the run length); the app has nothing to apply it to
    Pace,    // how fast the app shows the run (the trainer's speed); `phasor run` always runs at full speed
    Label,   // describes the experiment (name, description); changes nothing that runs
};

std::string_view to_string(ParamApply apply);

// Bounds for Real, Integer and the elements of IntegerList.
struct Range {
    double lo = -std::numeric_limits<double>::infinity();
    double hi = std::numeric_limits<double>::infinity();
    bool lo_open = false, hi_open = false;

    bool contains(double v) const;
    // "> 0", ">= 1", "in (0, 1]", "in [0, 1024]", "" when unbounded.
    std::string describe() const;
};

struct ParamSpec {
    std::string_view key; // as written in TOML: "train.lr"; a dot separates the table
    ParamType type = ParamType::Real;
    ParamValue default_value; // monostate: derived when the run is built (see `automatic`)
    std::string_view label;   // short, for the Controls panel: "Learning rate"
    std::string_view help;    // one line
    ParamApply apply = ParamApply::Live;
    Range range{};
    std::vector<std::string_view> choices{}; // Choice, ChoiceList
    std::string_view unit{};                 // "ticks", "updates"; empty when unitless
    std::string_view automatic{};            // what "not set" means; non-empty makes the row optional
    std::string_view group{};                // Controls section; empty keeps the row out of the panel
    bool required = false;                   // a preset must give it (the name)
    // The row only matters while parameter `when_key` shows one of `when_values` (decay only for the
    // exponential schedule): the Controls panel hides it otherwise, or, when `otherwise` says why it does not
    // apply, shows that greyed in its place (a choice a teacher should see is not there, not just missing).
    std::string_view when_key{};
    std::vector<std::string_view> when_values{};
    std::string_view otherwise{};
};

// A parameter and the value it is to take: one part of a change to a run.
struct ParamChange {
    std::string key;
    ParamValue value;
};

// Why `value` does not fit `row`, or nothing. The reason does not repeat the key: "must be > 0, got -1".
std::optional<std::string> check_value(const ParamSpec& row, const ParamValue& value);
// The same check for one element (an integer or a string) of a list row, so a message can point at it.
std::optional<std::string> check_element(const ParamSpec& row, const ParamValue& element);

// The value as a TOML literal, which --set, --at and a preset file read back to the same value: 0.05,
// "pipelined", [4, 32, 3].
std::string to_toml(const ParamValue& value);
// The value for people: like TOML but choices unquoted ("pipelined"), "auto" when not set.
std::string to_display(const ParamValue& value);

// A close name among `known`, for "did you mean" (empty when none is close).
std::string_view closest_name(std::string_view name, std::span<const std::string_view> known);

// One family's parameters, in the order they are shown and saved. Construction checks the table itself
// (unique keys, defaults that pass their own checks) and throws std::logic_error: a bad table is a bug.
class ParamTable {
  public:
    explicit ParamTable(std::vector<ParamSpec> rows);

    std::span<const ParamSpec> rows() const { return rows_; }
    std::size_t size() const { return rows_.size(); }
    const ParamSpec& row(std::size_t i) const { return rows_[i]; }
    const ParamSpec* find(std::string_view key) const;
    // The row's index; std::logic_error for a key the table does not have (a programming error).
    std::size_t index(std::string_view key) const;

    // The TOML tables the keys live in ("task", "network", "train"), in order of first appearance.
    std::span<const std::string_view> sections() const { return sections_; }
    // The keys of one section without its prefix ("lr", "decay"); "" gives the top-level keys.
    std::vector<std::string_view> keys_in(std::string_view section) const;

  private:
    std::vector<ParamSpec> rows_;
    std::vector<std::string_view> sections_;
};

} // namespace phasor
