// One sample of a run's named scalar channels (a family's channels, then the runtime's), taken every few
// ticks and passed through a bounded ring; fixed size, so sampling never allocates.
#pragma once
#include <array>
#include <cstdint>

namespace phasor {

inline constexpr std::size_t kMaxChannels = 24;

struct SeriesSample {
    std::uint64_t tick = 0;
    std::uint64_t run = 0; // the run it belongs to (a rebuild or reset starts a new one)
    std::array<float, kMaxChannels> values{};
};

// Where a model's samples go: the trainer's ring, or the headless runner's record. The model fills `tick` and
// its own channels; the writer adds the runtime's.
class SeriesWriter {
  public:
    virtual ~SeriesWriter() = default;
    virtual void write(SeriesSample& sample) = 0;
};

} // namespace phasor
