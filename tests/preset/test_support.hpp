// Helpers for the preset tests: a scratch directory for writing malformed presets, and a substring check.
#pragma once
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace phasor::test {

using phasor::testing::contains;
using phasor::testing::TempDir;

} // namespace phasor::test
