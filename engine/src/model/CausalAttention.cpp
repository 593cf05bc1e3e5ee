#include "model/CausalAttention.h"

#include <ATen/Parallel.h>

#include <atomic>
#include <cstring>
#include <limits>
#include <type_traits>
#include <vector>

// The kernels are written once over a vector width W and built twice: 4 lanes (SSE2 on any x86-64, NEON on
// ARM) and, on x86-64 CPUs that have them, 8 lanes with AVX2 + FMA. Every helper is always inlined into an
// entry point compiled for its width, so 32-byte vectors never cross a function boundary: the psABI note GCC
// gives for them does not apply.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif
#define FP_KERNEL [[gnu::always_inline]] inline

namespace fp::engine::detail {
namespace {

constexpr int64_t kMaxHeadDim = 32;
constexpr int64_t kPad = 8; // rows of scores are padded to a multiple of the widest vector

template <int W> struct Lanes {
    typedef float Vec __attribute__((vector_size(W * sizeof(float))));
    typedef int32_t IVec __attribute__((vector_size(W * sizeof(int32_t))));
};

template <int W> FP_KERNEL typename Lanes<W>::Vec load(const float *p) {
    typename Lanes<W>::Vec v;
    std::memcpy(&v, p, sizeof v);
    return v;
}
template <int W> FP_KERNEL void store(float *p, typename Lanes<W>::Vec v) { std::memcpy(p, &v, sizeof v); }
template <int W> FP_KERNEL typename Lanes<W>::Vec splat(float x) { return typename Lanes<W>::Vec{} + x; }
// Lanes summed in a fixed order: results depend on nothing but the inputs.
template <int W> FP_KERNEL float lanesSum(typename Lanes<W>::Vec v) {
    float total = v[0];
    for (int l = 1; l < W; ++l) {
        total += v[l];
    }
    return total;
}

// e^x per lane for x <= 0: Cephes' expf (range reduction by ln 2, degree-6 polynomial, about 1 ulp). Inputs
// below -87 give e^-87 (~1.6e-38) instead of underflowing: softmax sums start at 1, so that is a zero.
template <int W> FP_KERNEL typename Lanes<W>::Vec expNonPositive(typename Lanes<W>::Vec x) {
    using Vec = typename Lanes<W>::Vec;
    using IVec = typename Lanes<W>::IVec;
    x = x < splat<W>(-87.f) ? splat<W>(-87.f) : x;
    const Vec scaled = x * 1.44269504088896341f + 0.5f;
    IVec n = __builtin_convertvector(scaled, IVec); // truncates toward zero: floor via a correction
    n += (__builtin_convertvector(n, Vec) > scaled);
    const Vec nf = __builtin_convertvector(n, Vec);
    const Vec r = x - nf * 0.693359375f + nf * 2.12194440e-4f;
    Vec y = splat<W>(1.9875691500e-4f);
    y = y * r + 1.3981999507e-3f;
    y = y * r + 8.3334519073e-3f;
    y = y * r + 4.1665795894e-2f;
    y = y * r + 1.6666665459e-1f;
    y = y * r + 5.0000001201e-1f;
    y = y * r * r + r + 1.f;
    return y * reinterpret_cast<Vec>((n + 127) << 23);
}

struct Geometry {
    int64_t batch, length, heads, kvHeads, headDim, padded; // padded: length rounded up to kPad
    [[nodiscard]] int64_t groups() const { return heads / kvHeads; }
    // Offset of row t of head h in a [B, T, heads, hd] tensor.
    [[nodiscard]] int64_t at(int64_t b, int64_t t, int64_t head, int64_t headCount) const {
        return ((b * length + t) * headCount + head) * headDim;
    }
};

struct Buffers {
    const float *q, *k, *v;
    float *out, *probs; // probs: [B, H, T, padded]
};

struct Gradients {
    const float *out; // dL/d output, [B, T, H, hd]
    float *q, *k, *v; // dL/d inputs (k, v zeroed by the caller, accumulated)
};

FP_KERNEL int64_t roundUp(int64_t n, int64_t to) { return (n + to - 1) / to * to; }

// x[b, :, head, :] transposed into [hd, padded], zero beyond the length: consecutive keys load as one vector.
FP_KERNEL void transposeHead(const Geometry &g, const float *x, int64_t b, int64_t head, float *out) {
    std::fill(out, out + g.headDim * g.padded, 0.f);
    for (int64_t t = 0; t < g.length; ++t) {
        const float *row = x + g.at(b, t, head, g.kvHeads);
        for (int64_t d = 0; d < g.headDim; ++d) {
            out[d * g.padded + t] = row[d];
        }
    }
}

// scores[j] = scale * q . k_j for j < count (keys stored as [HD, padded]).
template <int W, int64_t HD>
FP_KERNEL void rowScores(const Geometry &g, const float *q, const float *keysT, int64_t count, float scale,
                         float *scores) {
    for (int64_t j = 0; j < count; j += W) {
        typename Lanes<W>::Vec acc{};
        for (int64_t d = 0; d < HD; ++d) {
            acc += splat<W>(q[d]) * load<W>(keysT + d * g.padded + j);
        }
        store<W>(scores + j, acc * scale);
    }
}

// Softmax of scores[0 .. n) in place; scores[n .. n rounded up to W) become 0.
template <int W> FP_KERNEL void rowSoftmax(float *scores, int64_t n) {
    using Vec = typename Lanes<W>::Vec;
    const int64_t count = roundUp(n, W);
    std::fill(scores + n, scores + count, -std::numeric_limits<float>::infinity());
    Vec top = load<W>(scores);
    for (int64_t j = W; j < count; j += W) {
        const Vec s = load<W>(scores + j);
        top = s > top ? s : top;
    }
    float max = top[0];
    for (int l = 1; l < W; ++l) {
        max = std::max(max, top[l]);
    }
    typename Lanes<W>::IVec lane{};
    for (int l = 0; l < W; ++l) {
        lane[l] = l;
    }
    Vec sum{};
    for (int64_t j = 0; j < count; j += W) {
        const Vec e = expNonPositive<W>(load<W>(scores + j) - max);
        const Vec kept = lane + int32_t(j) < int32_t(n) ? e : Vec{}; // lanes past the row: 0
        store<W>(scores + j, kept);
        sum += kept;
    }
    const Vec inverse = splat<W>(1.f / lanesSum<W>(sum));
    for (int64_t j = 0; j < count; j += W) {
        store<W>(scores + j, load<W>(scores + j) * inverse);
    }
}

// out (+)= sum_j<n weights[j * step] * rows_j, rows of HD floats `stride` apart. HD is a template argument so
// that the accumulators stay in registers; Unroll independent sums hide the add latency.
template <int W, int64_t HD>
FP_KERNEL void weightedRows(const float *weights, int64_t step, int64_t n, const float *rows, int64_t stride,
                            float *out, bool accumulate) {
    using Vec = typename Lanes<W>::Vec;
    constexpr int64_t Vecs = HD / W, Unroll = Vecs <= 2 ? 4 : (Vecs <= 4 ? 2 : 1);
    Vec acc[Unroll][Vecs] = {};
    int64_t j = 0;
    for (; j + Unroll <= n; j += Unroll) {
        for (int64_t u = 0; u < Unroll; ++u) {
            const Vec w = splat<W>(weights[(j + u) * step]);
            for (int64_t c = 0; c < Vecs; ++c) {
                acc[u][c] += w * load<W>(rows + (j + u) * stride + c * W);
            }
        }
    }
    for (; j < n; ++j) {
        const Vec w = splat<W>(weights[j * step]);
        for (int64_t c = 0; c < Vecs; ++c) {
            acc[0][c] += w * load<W>(rows + j * stride + c * W);
        }
    }
    for (int64_t c = 0; c < Vecs; ++c) {
        Vec total = accumulate ? load<W>(out + c * W) : Vec{};
        for (int64_t u = 0; u < Unroll; ++u) {
            total += acc[u][c];
        }
        store<W>(out + c * W, total);
    }
}

template <int W, int64_t HD>
FP_KERNEL void forwardHeads(const Geometry &g, const Buffers &x, float scale, int64_t kvTask) {
    const int64_t b = kvTask / g.kvHeads, kvh = kvTask % g.kvHeads, stride = g.kvHeads * HD;
    std::vector<float> keysT(size_t(HD * g.padded));
    transposeHead(g, x.k, b, kvh, keysT.data());
    const float *values = x.v + g.at(b, 0, kvh, g.kvHeads);
    for (int64_t h = kvh * g.groups(); h < (kvh + 1) * g.groups(); ++h) {
        for (int64_t t = 0; t < g.length; ++t) {
            float *p = x.probs + ((b * g.heads + h) * g.length + t) * g.padded;
            rowScores<W, HD>(g, x.q + g.at(b, t, h, g.heads), keysT.data(), roundUp(t + 1, W), scale, p);
            rowSoftmax<W>(p, t + 1);
            weightedRows<W, HD>(p, 1, t + 1, values, stride, x.out + g.at(b, t, h, g.heads), false);
        }
    }
}

// One query row's backward: ds = P (dP - P.dP) * scale with dP = dO v^T, and dq = ds k.
template <int W, int64_t HD>
FP_KERNEL void backwardRow(const Geometry &g, const Buffers &x, const Gradients &d, const float *valuesT, float scale,
                           int64_t b, int64_t h, int64_t t, float *ds) {
    using Vec = typename Lanes<W>::Vec;
    const int64_t kvh = h / g.groups(), count = roundUp(t + 1, W);
    const float *p = x.probs + ((b * g.heads + h) * g.length + t) * g.padded;
    rowScores<W, HD>(g, d.out + g.at(b, t, h, g.heads), valuesT, count, 1.f, ds); // dP
    Vec dot{};
    for (int64_t j = 0; j < count; j += W) {
        dot += load<W>(p + j) * load<W>(ds + j);
    }
    const Vec centre = splat<W>(lanesSum<W>(dot));
    for (int64_t j = 0; j < count; j += W) {
        store<W>(ds + j, load<W>(p + j) * (load<W>(ds + j) - centre) * scale);
    }
    weightedRows<W, HD>(ds, 1, t + 1, x.k + g.at(b, 0, kvh, g.kvHeads), g.kvHeads * HD, d.q + g.at(b, t, h, g.heads),
                        false);
}

// acc[d][0 .. count) += x[d] * row[0 .. count) for d < HD: one query row's share of dk^T or dv^T.
template <int W, int64_t HD>
FP_KERNEL void accumulateOuter(const float *x, const float *row, int64_t count, int64_t padded, float *acc) {
    for (int64_t d = 0; d < HD; ++d) {
        const auto xd = splat<W>(x[d]);
        float *out = acc + d * padded;
        for (int64_t j = 0; j < count; j += W) {
            store<W>(out + j, load<W>(out + j) + xd * load<W>(row + j));
        }
    }
}

// Adds acc [HD, padded] transposed into rows [T, HD] that are `stride` apart.
template <int64_t HD>
FP_KERNEL void addTransposed(const float *acc, int64_t length, int64_t padded, float *rows, int64_t stride) {
    for (int64_t j = 0; j < length; ++j) {
        for (int64_t d = 0; d < HD; ++d) {
            rows[j * stride + d] += acc[d * padded + j];
        }
    }
}

// Per query row: ds, dq, then dk^T += q_t ds_t and dv^T += dO_t P_t, kept transposed ([HD, padded], vectors
// along the keys, contiguous with the rows of ds and P) and added into dk and dv once per task.
template <int W, int64_t HD>
FP_KERNEL void backwardHeads(const Geometry &g, const Buffers &x, const Gradients &d, float scale, int64_t kvTask) {
    const int64_t b = kvTask / g.kvHeads, kvh = kvTask % g.kvHeads;
    std::vector<float> valuesT(size_t(HD * g.padded)), ds(size_t(g.padded));
    std::vector<float> dkT(size_t(HD * g.padded), 0.f), dvT(size_t(HD * g.padded), 0.f);
    transposeHead(g, x.v, b, kvh, valuesT.data());
    for (int64_t h = kvh * g.groups(); h < (kvh + 1) * g.groups(); ++h) {
        for (int64_t t = 0; t < g.length; ++t) {
            backwardRow<W, HD>(g, x, d, valuesT.data(), scale, b, h, t, ds.data());
            const float *p = x.probs + ((b * g.heads + h) * g.length + t) * g.padded;
            const int64_t count = roundUp(t + 1, W);
            accumulateOuter<W, HD>(x.q + g.at(b, t, h, g.heads), ds.data(), count, g.padded, dkT.data());
            accumulateOuter<W, HD>(d.out + g.at(b, t, h, g.heads), p, count, g.padded, dvT.data());
        }
    }
    const int64_t first = g.at(b, 0, kvh, g.kvHeads), stride = g.kvHeads * HD;
    addTransposed<HD>(dkT.data(), g.length, g.padded, d.k + first, stride);
    addTransposed<HD>(dvT.data(), g.length, g.padded, d.v + first, stride);
}

// One (sequence, kv head) task, forward (d null) or backward. No lambdas here: they would not inherit the
// entry point's target, and would run 8-lane vectors as pairs of 4-lane ones.
template <int W, int64_t HD>
FP_KERNEL void runHead(const Geometry &g, const Buffers &x, const Gradients *d, float scale, int64_t task) {
    if (d) {
        backwardHeads<W, HD>(g, x, *d, scale, task);
    } else {
        forwardHeads<W, HD>(g, x, scale, task);
    }
}

// The head dim becomes a compile-time constant (causalAttentionApplies lists the ones handled).
template <int W>
FP_KERNEL void runTask(const Geometry &g, const Buffers &x, const Gradients *d, float scale, int64_t task) {
    switch (g.headDim) {
    case 4:
        if constexpr (W == 4) {
            runHead<W, 4>(g, x, d, scale, task);
        }
        break;
    case 8: runHead<W, 8>(g, x, d, scale, task); break;
    case 16: runHead<W, 16>(g, x, d, scale, task); break;
    case 24: runHead<W, 24>(g, x, d, scale, task); break;
    case 32: runHead<W, 32>(g, x, d, scale, task); break;
    default: break;
    }
}

void runTaskPortable(const Geometry &g, const Buffers &x, const Gradients *d, float scale, int64_t task) {
    runTask<4>(g, x, d, scale, task);
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
__attribute__((target("avx2,fma"))) void runTaskAvx2(const Geometry &g, const Buffers &x, const Gradients *d,
                                                     float scale, int64_t task) {
    runTask<8>(g, x, d, scale, task);
}
bool hasAvx2() { return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"); }
#else
void runTaskAvx2(const Geometry &, const Buffers &, const Gradients *, float, int64_t) {}
bool hasAvx2() { return false; }
#endif

std::atomic<bool> g_forcePortable{false}; // forceVectorPath(): tests and benchmarks

bool usesAvx2(int64_t headDim) {
    static const bool avx2 = hasAvx2();
    return avx2 && headDim % 8 == 0 && !g_forcePortable.load(std::memory_order_relaxed);
}

// Runs every (sequence, kv head) task, forward (d null) or backward. Tasks write disjoint outputs, so any
// split over threads gives the same bits.
void runTasks(const Geometry &g, const Buffers &x, const Gradients *d, float scale) {
    const auto task = usesAvx2(g.headDim) ? runTaskAvx2 : runTaskPortable;
    at::parallel_for(0, g.batch * g.kvHeads, 1, [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i) {
            task(g, x, d, scale, i);
        }
    });
}

Geometry geometryOf(const torch::Tensor &q, const torch::Tensor &k) {
    const int64_t length = q.size(1);
    return {q.size(0), length, q.size(2), k.size(2), q.size(3), roundUp(length, kPad)};
}

// Returns {output [B * T, H * hd], probabilities [B, H, T, padded]}.
std::pair<torch::Tensor, torch::Tensor> attend(const torch::Tensor &q, const torch::Tensor &k, const torch::Tensor &v,
                                               float scale) {
    const Geometry g = geometryOf(q, k);
    auto out = torch::empty({g.batch * g.length, g.heads * g.headDim}, q.options());
    auto probs = torch::empty({g.batch, g.heads, g.length, g.padded}, q.options());
    const Buffers x{q.data_ptr<float>(), k.data_ptr<float>(), v.data_ptr<float>(), out.data_ptr<float>(),
                    probs.data_ptr<float>()};
    runTasks(g, x, nullptr, scale);
    return {out, probs};
}

struct CausalAttentionFunction : torch::autograd::Function<CausalAttentionFunction> {
    static torch::Tensor forward(torch::autograd::AutogradContext *ctx, const torch::Tensor &q, const torch::Tensor &k,
                                 const torch::Tensor &v, double scale) {
        auto [out, probs] = attend(q, k, v, float(scale));
        ctx->save_for_backward({q, k, v});
        ctx->saved_data["probs"] = probs;
        ctx->saved_data["scale"] = scale;
        return out;
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext *ctx,
                                                   torch::autograd::variable_list grads) {
        const auto saved = ctx->get_saved_variables();
        const auto &q = saved[0], &k = saved[1], &v = saved[2];
        const auto probs = ctx->saved_data["probs"].toTensor();
        const auto scale = float(ctx->saved_data["scale"].toDouble());
        const Geometry g = geometryOf(q, k);
        const auto dOut = grads[0].contiguous();
        auto dq = torch::empty_like(q), dk = torch::zeros_like(k), dv = torch::zeros_like(v);
        const Buffers x{q.data_ptr<float>(), k.data_ptr<float>(), v.data_ptr<float>(), nullptr,
                        probs.data_ptr<float>()};
        const Gradients d{dOut.data_ptr<float>(), dq.data_ptr<float>(), dk.data_ptr<float>(), dv.data_ptr<float>()};
        runTasks(g, x, &d, scale);
        return {dq, dk, dv, torch::Tensor()};
    }
};

} // namespace

bool causalAttentionApplies(torch::ScalarType dtype, torch::Device device, int64_t headDim) {
    return dtype == torch::kFloat32 && device.is_cpu() && headDim % 4 == 0 && headDim <= kMaxHeadDim &&
           (headDim % 8 == 0 || headDim == 4);
}

void forceVectorPath(VectorPath path) {
    g_forcePortable.store(path == VectorPath::Portable, std::memory_order_relaxed);
}

int causalAttentionLanes(int64_t headDim) { return usesAvx2(headDim) ? 8 : 4; }

torch::Tensor causalAttention(const torch::Tensor &q, const torch::Tensor &k, const torch::Tensor &v, double scale) {
    const auto qc = q.contiguous(), kc = k.contiguous(), vc = v.contiguous();
    if (torch::GradMode::is_enabled() && (q.requires_grad() || k.requires_grad() || v.requires_grad())) {
        return CausalAttentionFunction::apply(qc, kc, vc, scale);
    }
    return attend(qc, kc, vc, float(scale)).first;
}

} // namespace fp::engine::detail
