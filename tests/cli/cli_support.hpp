// The fixture of the command-line tests: a scratch working directory, running the real phasor binary in it,
// and reading its JSON output.
#pragma once
#include "support/process.hpp"

#include <filesystem>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <string>

namespace phasor::testing {

class Cli : public ::testing::Test {
  protected:
    Cli() : dir_(scratch_folder("phasor-cli-")) {}
    ~Cli() override {
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }

    // Runs `phasor ARGS` in the scratch directory (so only the compiled-in preset directory is found).
    Result phasor(const std::string& args) {
        return run_in(dir_, "env -u PHASOR_PRESET_DIR '" + std::string(PHASOR_BINARY) + "' " + args);
    }

    // Runs `phasor ARGS --json`, expecting success and exactly one JSON value on stdout.
    nlohmann::json json_of(const std::string& args) {
        const Result r = phasor(args + " --json");
        EXPECT_EQ(r.status, 0) << args << "\n" << r.err;
        try {
            return nlohmann::json::parse(r.out);
        } catch (const nlohmann::json::exception& e) {
            ADD_FAILURE() << "stdout is not JSON: " << e.what() << "\n" << r.out;
            return nlohmann::json::object();
        }
    }

    std::filesystem::path dir_;
};

} // namespace phasor::testing
