// Key events held between frames (see key_queue.hpp).
#include "ui/key_queue.hpp"

namespace phasor::ui {

void KeyQueue::push(const KeyEvent& event) {
    if (event.action != kRelease && events_.size() >= kCapacity) return;
    events_.push_back(event);
}

} // namespace phasor::ui
