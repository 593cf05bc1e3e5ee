#include "model/PackedGemm.h"

#include <algorithm>
#include <atomic>
#include <cstring>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define FP_GEMM_X86 1
#endif

namespace fp::engine::detail {
namespace {

constexpr int64_t kPanel = 16;    // columns per packed panel (one AVX-512 vector, two AVX2 ones)
constexpr int64_t kRowBlock = 48; // rows whose inputs stay in L1 while every panel passes over them

struct Operands {
    const float *panels;
    int64_t n, k;
    const float *x;
    float *out;
    int64_t outStride;
};

// Writes the first `cols` of a tile row (the last panel may be narrower than 16).
inline void storeRow(float *out, const float *row, int64_t cols) {
    std::memcpy(out, row, size_t(cols) * sizeof(float));
}

// One tile: rows x[0 .. R) times one panel, into out's columns [0, cols).
template <int R>
void tilePortable(const float *x, int64_t k, const float *panel, float *out, int64_t outStride, int64_t cols) {
    float acc[R][kPanel] = {};
    for (int64_t i = 0; i < k; ++i) {
        const float *b = panel + i * kPanel;
        for (int r = 0; r < R; ++r) {
            const float a = x[r * k + i];
            for (int64_t j = 0; j < kPanel; ++j) {
                acc[r][j] += a * b[j];
            }
        }
    }
    for (int r = 0; r < R; ++r) {
        storeRow(out + r * outStride, acc[r], cols);
    }
}

#ifdef FP_GEMM_X86
template <int R>
[[gnu::target("avx2,fma")]] void tileAvx2(const float *x, int64_t k, const float *panel, float *out, int64_t outStride,
                                          int64_t cols) {
    __m256 lo[R], hi[R];
#pragma GCC unroll 8
    for (int r = 0; r < R; ++r) {
        lo[r] = _mm256_setzero_ps();
        hi[r] = _mm256_setzero_ps();
    }
    for (int64_t i = 0; i < k; ++i) {
        const __m256 b0 = _mm256_loadu_ps(panel + i * kPanel), b1 = _mm256_loadu_ps(panel + i * kPanel + 8);
#pragma GCC unroll 8
        for (int r = 0; r < R; ++r) {
            const __m256 a = _mm256_broadcast_ss(x + r * k + i);
            lo[r] = _mm256_fmadd_ps(a, b0, lo[r]);
            hi[r] = _mm256_fmadd_ps(a, b1, hi[r]);
        }
    }
#pragma GCC unroll 8
    for (int r = 0; r < R; ++r) {
        float row[kPanel];
        _mm256_storeu_ps(row, lo[r]);
        _mm256_storeu_ps(row + 8, hi[r]);
        storeRow(out + r * outStride, row, cols);
    }
}

template <int R>
[[gnu::target("avx512f")]] void tileAvx512(const float *x, int64_t k, const float *panel, float *out, int64_t outStride,
                                           int64_t cols) {
    __m512 acc[R];
#pragma GCC unroll 8
    for (int r = 0; r < R; ++r) {
        acc[r] = _mm512_setzero_ps();
    }
    for (int64_t i = 0; i < k; ++i) {
        const __m512 b = _mm512_loadu_ps(panel + i * kPanel);
#pragma GCC unroll 8
        for (int r = 0; r < R; ++r) {
            acc[r] = _mm512_fmadd_ps(_mm512_set1_ps(x[r * k + i]), b, acc[r]);
        }
    }
    const auto mask = __mmask16((1u << cols) - 1u);
#pragma GCC unroll 8
    for (int r = 0; r < R; ++r) {
        _mm512_mask_storeu_ps(out + r * outStride, mask, acc[r]);
    }
}
#endif

using TileFn = void (*)(const float *x, int64_t k, const float *panel, float *out, int64_t outStride, int64_t cols);

// Every panel passes over a block of rows (kept in L1), `rows` rows per tile call; rows left over go one at a
// time. A tile is a call of its own: it is compiled for its instruction set, the loop around it is not.
void applyTiles(const Operands &o, int64_t m, int64_t rows, TileFn tile, TileFn single) {
    const int64_t panels = (o.n + kPanel - 1) / kPanel;
    for (int64_t block = 0; block < m; block += kRowBlock) {
        const int64_t blockEnd = std::min(m, block + kRowBlock);
        for (int64_t p = 0; p < panels; ++p) {
            const float *panel = o.panels + p * o.k * kPanel;
            const int64_t cols = std::min(kPanel, o.n - p * kPanel);
            int64_t r = block;
            for (; r + rows <= blockEnd; r += rows) {
                tile(o.x + r * o.k, o.k, panel, o.out + r * o.outStride + p * kPanel, o.outStride, cols);
            }
            for (; r < blockEnd; ++r) {
                single(o.x + r * o.k, o.k, panel, o.out + r * o.outStride + p * kPanel, o.outStride, cols);
            }
        }
    }
}

enum class Kernel { Portable, Avx2, Avx512 };

Kernel bestKernel() {
#ifdef FP_GEMM_X86
    if (__builtin_cpu_supports("avx512f")) {
        return Kernel::Avx512;
    }
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
        return Kernel::Avx2;
    }
#endif
    return Kernel::Portable;
}

std::atomic<GemmPath> g_path{GemmPath::Widest};

Kernel currentKernel() {
    static const Kernel best = bestKernel();
    switch (g_path.load(std::memory_order_relaxed)) {
    case GemmPath::Portable: return Kernel::Portable;
    case GemmPath::Avx2: return best == Kernel::Portable ? Kernel::Portable : Kernel::Avx2;
    case GemmPath::Widest: break;
    }
    return best;
}

} // namespace

PackedWeight::PackedWeight(const float *w, int64_t n, int64_t k)
    : m_n(n), m_k(k), m_panels(size_t((n + kPanel - 1) / kPanel * kPanel * k), 0.f) {
    for (int64_t row = 0; row < n; ++row) {
        float *panel = m_panels.data() + (row / kPanel) * k * kPanel;
        for (int64_t i = 0; i < k; ++i) {
            panel[i * kPanel + row % kPanel] = w[row * k + i];
        }
    }
}

void PackedWeight::apply(const float *x, int64_t m, float *out, int64_t outStride) const {
    const Operands o{m_panels.data(), m_n, m_k, x, out, outStride};
    switch (currentKernel()) {
#ifdef FP_GEMM_X86
    case Kernel::Avx512: applyTiles(o, m, 8, tileAvx512<8>, tileAvx512<1>); return;
    case Kernel::Avx2: applyTiles(o, m, 6, tileAvx2<6>, tileAvx2<1>); return;
#endif
    default: applyTiles(o, m, 4, tilePortable<4>, tilePortable<1>); return;
    }
}

void forceGemmPath(GemmPath path) { g_path.store(path, std::memory_order_relaxed); }

const char *gemmPathName() {
    switch (currentKernel()) {
    case Kernel::Avx512: return "avx512";
    case Kernel::Avx2: return "avx2";
    case Kernel::Portable: break;
    }
    return "portable";
}

} // namespace fp::engine::detail
