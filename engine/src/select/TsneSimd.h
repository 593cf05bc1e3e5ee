#pragma once

#include <cstring>

namespace fp::engine::tsne_detail {

// 16-byte SIMD vectors through the GCC/Clang vector extension: SSE2 on any x86-64 and NEON on ARM, with no
// -march flag. Plain loops are left to the auto-vectoriser, which GCC 12 gets wrong for these kernels: it
// vectorises the outer loop and spends its time shuffling.
template <typename T> struct Simd {
    typedef T Vec __attribute__((vector_size(16)));
    static constexpr int kLanes = static_cast<int>(16 / sizeof(T));

    static Vec load(const T *p) {
        Vec v;
        std::memcpy(&v, p, sizeof v);
        return v;
    }
    static void store(T *p, Vec v) { std::memcpy(p, &v, sizeof v); }
    static Vec splat(T x) { return Vec{} + x; }
    // Lanes summed in a fixed order, so results do not depend on anything but the inputs.
    static T sum(Vec v) {
        T total = 0;
        for (int l = 0; l < kLanes; ++l) {
            total += v[l];
        }
        return total;
    }
};

} // namespace fp::engine::tsne_detail
