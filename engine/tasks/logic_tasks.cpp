// Boolean classroom tasks: 2-bit XOR and 4-bit parity over every input pattern. They use no TaskSpec field,
// and are scored on the patterns they train on: there are no others.
#include "engine/tasks/fixed_set_task.hpp"

namespace phasor {

namespace {

// Every pattern of `bits` inputs in {0, 1}, in counting order (bit i of the pattern number is input i),
// labelled by the parity of its ones; for two bits parity is exactly a xor b.
std::vector<Sample> parity_patterns(int bits) {
    std::vector<Sample> patterns;
    const int count = 1 << bits;
    patterns.reserve(static_cast<std::size_t>(count));
    for (int n = 0; n < count; ++n) {
        Sample s{Vec(bits), 0};
        int ones = 0;
        for (int i = 0; i < bits; ++i) {
            const int bit = (n >> i) & 1;
            s.x[i] = static_cast<float>(bit);
            ones += bit;
        }
        s.label = ones % 2;
        patterns.push_back(std::move(s));
    }
    return patterns;
}

} // namespace

std::unique_ptr<Task> make_xor() {
    auto patterns = parity_patterns(2);
    return std::make_unique<FixedSetTask>(2, std::vector<std::string>{"0", "1"}, patterns, patterns, false);
}

std::unique_ptr<Task> make_parity4() {
    auto patterns = parity_patterns(4);
    return std::make_unique<FixedSetTask>(4, std::vector<std::string>{"even", "odd"}, patterns, patterns,
                                          false);
}

} // namespace phasor
