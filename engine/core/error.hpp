// The error type for bad input (presets, values, command lines): its message is shown to the user as it is.
#pragma once
#include <stdexcept>
#include <string>

namespace phasor {

struct InputError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

} // namespace phasor
