// Key events held between frames. Dear ImGui 1.86 has no input queue: its GLFW backend writes io.KeysDown
// as events arrive, so a key pressed and released between two frames (a short tap on a remote desktop, any
// tap during a slow frame) is never seen down. The window queues GLFW's key events here instead and hands
// ImGui at most one press or release per key per frame, so every tap is seen down for one frame and up the
// next.
#pragma once
#include <array>
#include <cstddef>
#include <vector>

namespace phasor::ui {

struct KeyEvent {
    int key = 0, scancode = 0, action = 0, mods = 0; // as GLFW gives them
};

class KeyQueue {
  public:
    // GLFW's actions: release 0, press 1, repeat 2.
    static constexpr int kRelease = 0, kPress = 1, kRepeat = 2;
    // Presses beyond this many waiting are dropped (a stuck key repeating during a frozen frame); releases
    // are always kept, so no key is left down.
    static constexpr std::size_t kCapacity = 256;
    static constexpr int kKeys = 512; // above GLFW_KEY_LAST (348)

    KeyQueue() { events_.reserve(kCapacity + kKeys); }

    void push(const KeyEvent& event);

    // Hands this frame's events to `deliver` in order: for each key, events up to and including its first
    // press or release; that key's later events wait for the next frame. Allocates nothing.
    template <typename Deliver> void deliver_frame(Deliver&& deliver) {
        moved_.fill(false);
        std::size_t kept = 0;
        for (std::size_t i = 0; i < events_.size(); ++i) {
            const KeyEvent e = events_[i];
            const bool known = e.key >= 0 && e.key < kKeys;
            if (known && moved_[static_cast<std::size_t>(e.key)]) {
                events_[kept++] = e;
                continue;
            }
            deliver(e);
            if (known && e.action != kRepeat) moved_[static_cast<std::size_t>(e.key)] = true;
        }
        events_.resize(kept);
    }

    bool empty() const { return events_.empty(); }
    std::size_t size() const { return events_.size(); }

  private:
    std::vector<KeyEvent> events_;
    std::array<bool, kKeys> moved_{};
};

} // namespace phasor::ui
