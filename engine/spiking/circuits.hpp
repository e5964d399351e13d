// The spiking family's scenarios by name: what a preset's `circuit = "..."` builds. Adding a circuit is one
// entry in circuits.cpp; the family's table offers exactly these names.
#pragma once
#include "engine/spiking/circuit.hpp"

#include <span>
#include <string_view>

namespace phasor {

// What a circuit is built from besides the live settings: the structural choices of the family's table.
struct CircuitOptions {
    std::uint64_t seed = 1;
    std::uint32_t neurons = 0; // 0: the circuit's own size
};

struct CircuitEntry {
    std::string_view name;
    std::string_view help; // one line, for the table's help and `phasor params`
    std::unique_ptr<Circuit> (*make)(const CircuitOptions& options);
    // The live settings it reads, by their keys in the family's table ("input.rate"); the table shows a
    // setting for these circuits only, and the model refuses the others.
    std::span<const std::string_view> reads;
    bool sized = false; // takes `network.neurons`
};

std::span<const CircuitEntry> circuits();
const CircuitEntry* find_circuit(std::string_view name);

} // namespace phasor
