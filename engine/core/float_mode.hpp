// Flush-to-zero for the engine's arithmetic: results and inputs too small to be normal floats (below about
// 1.2e-38) count as 0. A converged network's gradients reach that range, where x86 computes each product in
// microcode, a hundred times slower: the stepped network lost a fifth of its tick rate to it. Every tick runs
// under this mode, in the app and headless alike, so the two still train bit for bit the same.
#pragma once

#if defined(__SSE__) || defined(__x86_64__)
#include <xmmintrin.h>
#define PHASOR_HAS_MXCSR 1
#endif

namespace phasor {

// Sets flush-to-zero and denormals-are-zero on this thread for its lifetime, then restores what was there.
class FlushDenormals {
  public:
    FlushDenormals() {
#ifdef PHASOR_HAS_MXCSR
        saved_ = _mm_getcsr();
        _mm_setcsr(saved_ | kFlushToZero | kDenormalsAreZero);
#endif
    }
    ~FlushDenormals() {
#ifdef PHASOR_HAS_MXCSR
        _mm_setcsr(saved_);
#endif
    }
    FlushDenormals(const FlushDenormals&) = delete;
    FlushDenormals& operator=(const FlushDenormals&) = delete;

  private:
    static constexpr unsigned kFlushToZero = 0x8000, kDenormalsAreZero = 0x0040;
    unsigned saved_ = 0;
};

} // namespace phasor
