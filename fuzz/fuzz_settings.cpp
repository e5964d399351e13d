// libFuzzer target for the app's settings file: any bytes give settings and perhaps a problem to report,
// never a crash, a hang, undefined behaviour or an exception.
#include "fuzz_input.hpp"
#include "ui/settings.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    (void)phasor::ui::load_settings(phasor::fuzz::input_file(data, size, ".settings.toml"));
    return 0;
}
