// libFuzzer target for the preset loader: any bytes give a ParamSet or an InputError, never a crash, a hang,
// undefined behaviour or another exception.
#include "engine/core/error.hpp"
#include "engine/preset/preset.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto file = phasor::fuzz::input_file(data, size, ".toml");
    try {
        (void)phasor::load_preset(file);
    } catch (const phasor::InputError&) {
        // the expected answer to a bad preset: a message naming the file, line and key
    }
    return 0;
}
