#pragma once
// Engine-private: out = x W^T for the small, fixed weights of inference paths (the CPU feature extractor), on one
// thread, without BLAS.
//
// Why not BLAS: the feature extractor multiplies thousands of rows by matrices of 64..344 columns. Through
// LibTorch, every product is a call into OpenBLAS's own thread pool, which competes with LibTorch's threads for
// the same cores (perf: a quarter of the time spinning in libgomp, a tenth in sched_yield), and Debian's OpenBLAS
// 0.3.21 does not recognise the CPUs of these machines and runs its SSE3 kernel. The extractor instead runs
// whole batches per thread and multiplies with this kernel: the weight is packed once into panels of 16 columns,
// and a register tile of rows x 16 columns accumulates with FMA.
//
// Paths: AVX-512F (16 lanes), AVX2 + FMA (8 lanes) and a portable loop, chosen from the CPU at run time. Each
// output element sums its k products in order 0..k-1 on every path and for every row tiling, so a row's result
// does not depend on which rows share its batch; it does depend on the path (FMA rounds once, the portable loop
// twice).

#include <cstdint>
#include <vector>

namespace fp::engine::detail {

enum class GemmPath { Widest, Avx2, Portable };

class PackedWeight {
public:
    PackedWeight() = default;
    // w: [n, k] row-major (a Linear layer's weight: out = x w^T).
    PackedWeight(const float *w, int64_t n, int64_t k);

    [[nodiscard]] int64_t outputs() const { return m_n; }
    [[nodiscard]] int64_t inputs() const { return m_k; }

    // out[m, n] = x[m, k] w^T. Rows of x are k apart, rows of out outStride apart (>= n). Single-threaded.
    void apply(const float *x, int64_t m, float *out, int64_t outStride) const;
    void apply(const float *x, int64_t m, float *out) const { apply(x, m, out, m_n); }

private:
    int64_t m_n = 0, m_k = 0;
    std::vector<float> m_panels; // ceil(n / 16) panels of [k][16], the last one zero-padded
};

// For tests and benchmarks only: the path PackedWeight::apply takes (Widest: the best the CPU has). Not to be
// changed while a product runs.
void forceGemmPath(GemmPath path);
// The path apply() takes now: "avx512", "avx2" or "portable".
const char *gemmPathName();

} // namespace fp::engine::detail
