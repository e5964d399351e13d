// The bad-input catalogue of the command line: every way of giving `phasor run`, `params` and the app's
// options something wrong, run as the real binary, with the exit status, the first line of the message and
// the files left (none but what is asked for). Rows marked "before:" are faults that once got through.
#include "support/bad_input.hpp"

namespace {

using phasor::testing::BadInput;

// clang-format off
const BadInput kRows[] = {
    // Numbers on the command line: checked, with the range named.
    {"SeedNegative", "", "$PHASOR run --preset xor --seed -1", 2, // before: became 18446744073709551615
     "phasor: --seed -1: must be a whole number from 0 to 9223372036854775807", "", ""},
    {"SeedPast63Bits", "", "$PHASOR run --preset xor --seed 99999999999999999999999", 2,
     "phasor: --seed 99999999999999999999999: must be a whole number from 0 to", "", ""},
    {"SeedRangeEmpty", "", "$PHASOR run --preset xor --seeds 5..2", 2,
     "phasor: --seeds 5..2: the range is empty", "", ""},
    {"SeedRangeMalformed", "", "$PHASOR run --preset xor --seeds 1-4", 2, "phasor: --seeds 1-4:", "", ""},
    {"TicksZero", "", "$PHASOR run --preset xor --ticks 0", 2,
     "phasor: --ticks 0: must be a whole number from 1 to 1000000000000", "", ""},
    {"TicksPastTheLimit", "", "$PHASOR run --preset xor --ticks 10000000000000", 2,
     "phasor: --ticks 10000000000000: must be a whole number from 1 to", "", ""},
    {"TicksNotANumber", "", "$PHASOR run --preset xor --ticks 1e5x", 2, "phasor: --ticks 1e5x:", "", ""},
    {"SeriesTooBigForMemory", "", // before: std::bad_alloc, reserving 400 GB up front
     "$PHASOR run --preset xor --seeds 1..2 --ticks 1000000000000 --csv big.csv", 2,
     "phasor: --ticks 1000000000000 with --csv: the series would hold 10000000001 samples per seed",
     "GiB in memory", ""},
    // Sizes: a layer too wide and a network too big are refused with the limit and the memory estimate.
    {"LayerTooWide", "", "$PHASOR run --preset xor --set 'network.layers=[2,100000,2]'", 2, // before: bad_alloc
     "phasor: --set network.layers=[2,100000,2]: network.layers: element 2 is 100000, must be in [1, 8192]",
     "", ""},
    {"NetworkTooBig", "", "$PHASOR run --preset xor --set 'network.layers=[2,8192,8192,8192,2]'", 2,
     "phasor: --set network.layers=[2,8192,8192,8192,2]: network.layers: 134275074 weights and biases, at "
     "most 134217728", "GiB", ""},
    // Presets: what the file is, where the error is, which key.
    {"PresetMissingName", "", "$PHASOR run --preset nosuch", 2,
     "phasor: no preset named 'nosuch'; looked for nosuch.toml in:", "available presets:", ""},
    {"PresetMissingFile", "", "$PHASOR run --preset nosuch.toml", 2,
     "phasor: preset file 'nosuch.toml' does not exist", "", ""},
    {"PresetIsAFolder", "mkdir d.toml", "$PHASOR run --preset d.toml", 2, // before: "does not exist"
     "phasor: preset file 'd.toml' is a directory", "", ""},
    {"PresetIsAFifo", "mkfifo f.toml", "$PHASOR run --preset f.toml", 2, // before: "does not exist"
     "phasor: preset file 'f.toml' is a FIFO, not a preset file", "", ""},
    {"PresetIsADevice", "", "$PHASOR run --preset /dev/zero", 2,
     "phasor: preset file '/dev/zero' is a character device, not a preset file", "", ""},
    {"PresetNameIsAFolderHere", "mkdir mine", "$PHASOR run --preset mine", 2,
     "phasor: no preset named 'mine'", "('mine' here is a directory)", ""},
    {"PresetUnreadable", "echo \"name = 'u'\" > u.toml && chmod 000 u.toml", // before: "0:0" and no reason
     "$AS_USER $PHASOR run --preset u.toml", 2, "phasor: u.toml: cannot read preset file: Permission denied", "", ""},
    {"PresetSyntax", "printf '[train\\nlr = 1\\n' > s.toml", "$PHASOR run --preset s.toml", 2,
     "phasor: s.toml:1:7: Error while parsing table header", "", ""},
    {"PresetUnknownKey", "printf '[train]\\nlrr = 0.1\\n' > k.toml", "$PHASOR run --preset k.toml", 2,
     "phasor: k.toml:2:1: unknown key 'train.lrr'", "did you mean 'lr'?", ""},
    {"PresetWrongType", "printf \"family = 'stepnet'\\nname = 't'\\n[train]\\nlr = 'fast'\\n\" > w.toml", "$PHASOR run --preset w.toml", 2,
     "phasor: w.toml:4:6: train.lr: expected a number, got a string", "", ""},
    {"PresetOutOfRange", "printf \"family = 'stepnet'\\nname = 't'\\n[train]\\nlr = -1\\n\" > r.toml", "$PHASOR run --preset r.toml", 2,
     "phasor: r.toml:4:6: train.lr: must be > 0, got -1", "", ""},
    {"PresetUnknownFamily", "printf \"family = 'nope'\\n\" > f.toml", "$PHASOR run --preset f.toml", 2,
     "phasor: f.toml:1:10: family: unknown family 'nope' (known: stepnet, mach, spiking, rules)", "", ""},
    // --set and --at.
    {"SetUnknownKey", "", "$PHASOR run --preset xor --set train.lrr=1", 2,
     "phasor: --set train.lrr=1: unknown key 'train.lrr'", "did you mean 'lr'?", ""},
    {"SetWithoutValue", "", "$PHASOR run --preset xor --set train.lr", 2,
     "phasor: --set train.lr: expected key=value, e.g. train.lr=0.05", "", ""},
    {"SetOutOfRange", "", "$PHASOR run --preset xor --set train.lr=-1", 2,
     "phasor: --set train.lr=-1: train.lr: must be > 0, got -1", "", ""},
    {"SetWrongType", "", "$PHASOR run --preset xor --set train.attention=maybe", 2,
     "phasor: --set train.attention=maybe: train.attention:", "", ""},
    {"AtMalformed", "", "$PHASOR run --preset xor --at abc", 2,
     "phasor: --at abc: expected TICK:key=value, e.g. 20000:train.lr=0.05", "", ""},
    {"AtUnknownKey", "", "$PHASOR run --preset xor --at 100:train.zz=1", 2,
     "phasor: --at 100:train.zz=1: unknown parameter 'train.zz'; did you mean 'train.lr'?", "", ""},
    // Divergence: a finite blow-up counts (before: exit 0 at 50 %, loss 1.3e28).
    {"FiniteBlowUpIsDivergence", "", "$PHASOR run --preset xor --set train.lr=1e30", 1,
     "phasor: seed 1 diverged at tick", "the weights blew up", ""},
    // Outputs: refused with the reason, never replacing what is there, no temporary left.
    {"CsvIsAFolder", "mkdir out", "$PHASOR run --preset xor --ticks 100 --csv out", 1,
     "phasor: cannot write CSV 'out': is a directory", "", ""},
    {"CsvUnderAFile", "touch f", "$PHASOR run --preset xor --ticks 100 --csv f/x.csv", 1,
     "phasor: cannot write CSV 'f/x.csv': Not a directory", "", ""},
    {"CsvInAMissingFolder", "", "$PHASOR run --preset xor --ticks 100 --csv none/x.csv", 1,
     "phasor: cannot write CSV 'none/x.csv': No such file or directory", "", ""},
    {"CsvInAReadOnlyFolder", "mkdir ro && chmod 500 ro", "$AS_USER $PHASOR run --preset xor --ticks 100 --csv ro/x.csv",
     1, "phasor: cannot write CSV 'ro/x.csv': Permission denied", "", ""},
    {"CsvToDevNullIsWrittenNotReplaced", "", "$PHASOR run --preset xor --ticks 100 --csv /dev/null", 0, "", "",
     ""},
    {"SigtermLeavesNoCsv", "", "timeout --preserve-status -s TERM 1 $PHASOR run --preset xor --ticks 1000000000 --csv r.csv", 143,
     "phasor: stopped by SIGTERM; no partial result was written", "", ""},
    {"SigintLeavesNoCsv", "", "timeout --preserve-status -s INT 1 $PHASOR run --preset xor --ticks 1000000000 --csv r.csv", 130,
     "phasor: stopped by Ctrl-C (SIGINT); no partial result was written", "", ""},
    // The app's own options, refused before any window opens.
    {"AppMissingPreset", "", "$PHASOR app --preset nosuch --frames 5", 2, "phasor: no preset named 'nosuch'",
     "", ""},
    {"AppUnknownTheme", "", "$PHASOR app --export-theme purple", 2,
     "phasor: --export-theme purple: unknown theme (known: dark, light, light-transparent)", "", ""},
    {"AppBadExportSize", "", "$PHASOR app --export-size 12", 2, "phasor: --export-size 12: expected WxH", "",
     ""},
    {"AppScaleOutOfRange", "", "$PHASOR app --scale 100 --frames 3", 2, "phasor: --scale must be between 0.5 and 4",
     "", ""},
    {"AppScreenshotWithoutFrames", "", "$PHASOR app --screenshot x.png", 2,
     "phasor: --screenshot requires --frames", "", ""},
    {"ParamsUnknownFamily", "", "$PHASOR params --family nope", 2, "phasor: --family nope:", "", ""},
};
// clang-format on

class BadInputCatalogue : public ::testing::TestWithParam<BadInput> {
  protected:
    BadInputCatalogue() : dir_(phasor::testing::scratch_folder("phasor-bad-")) {}
    ~BadInputCatalogue() override {
        std::error_code ec;
        std::filesystem::permissions(dir_ / "ro", std::filesystem::perms::owner_all, ec);
        std::filesystem::remove_all(dir_, ec);
    }
    std::filesystem::path dir_;
};

TEST_P(BadInputCatalogue, FailsClearlyAndLeavesNothing) {
    const BadInput& row = GetParam();
    // Only the compiled-in preset folder is searched.
    phasor::testing::check_bad_input(
        row, dir_, [](const std::string& command) { return "unset PHASOR_PRESET_DIR; " + command; }, "");
}

INSTANTIATE_TEST_SUITE_P(Cli, BadInputCatalogue, ::testing::ValuesIn(kRows),
                         [](const auto& info) { return std::string(info.param.name); });

} // namespace
