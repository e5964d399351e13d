// A one-line progress bar on stderr.
#include "app/progress_bar.hpp"

#include <algorithm>
#include <cstdio>
#include <fmt/format.h>
#include <string>
#include <unistd.h>

namespace phasor {

namespace {

constexpr auto kRedrawEvery = std::chrono::milliseconds(100);
constexpr int kWidth = 30;

std::string seconds_text(double s) {
    if (s < 60.0) return fmt::format("{:.0f} s", s);
    return fmt::format("{}:{:02}", static_cast<int>(s) / 60, static_cast<int>(s) % 60);
}

} // namespace

ProgressBar::ProgressBar(std::uint64_t total_ticks)
    : enabled_(isatty(STDERR_FILENO) == 1), total_(std::max<std::uint64_t>(total_ticks, 1)),
      start_(Clock::now()), last_draw_(start_ - kRedrawEvery) {}

void ProgressBar::update(std::uint64_t done, std::size_t seeds_done, std::size_t seeds_total) {
    if (!enabled_) return;
    const auto now = Clock::now();
    if (now - last_draw_ < kRedrawEvery) return;
    last_draw_ = now;
    done = std::min(done, total_);
    const double fraction = static_cast<double>(done) / static_cast<double>(total_);
    const int filled = static_cast<int>(fraction * kWidth);
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0.0;
    const std::string eta =
        rate > 0 ? seconds_text(static_cast<double>(total_ - done) / rate) : std::string("?");
    std::string line = fmt::format("\r[{}{}] {:3.0f} %  {:.0f} ticks/s  ETA {}", std::string(filled, '#'),
                                   std::string(kWidth - filled, ' '), 100.0 * fraction, rate, eta);
    if (seeds_total > 1) line += fmt::format("  seeds {}/{}", seeds_done, seeds_total);
    // Trailing spaces wipe the tail of a longer previous line.
    std::fputs((line + "    ").c_str(), stderr);
    std::fflush(stderr);
    drawn_ = true;
}

void ProgressBar::finish() {
    if (!drawn_) return;
    std::fputs("\r\033[K", stderr);
    std::fflush(stderr);
    drawn_ = false;
}

} // namespace phasor
