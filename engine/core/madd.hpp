// a·b + c, rounded once where the target has fused multiply-add, as the compiler builds Eigen's own packet
// loops: the scalar tails of hand-written update loops use it so they round as the vector body does.
#pragma once
#include <cmath>

namespace phasor {

inline float madd(float a, float b, float c) {
#ifdef __FMA__
    return std::fma(a, b, c);
#else
    return a * b + c;
#endif
}

} // namespace phasor
