#include "model/CpuFeatures.h"

#include "model/CausalAttention.h"
#include "model/CpuDecoder.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numeric>

namespace fp::engine::detail {
namespace {

constexpr int64_t kRowGrain = 64; // rows per parallel task for the row loops

torch::Tensor matrix(std::vector<float> &buffer, int64_t rows, int64_t cols) {
    return torch::from_blob(buffer.data(), {rows, cols});
}

// out[r] = x[r] / sqrt(mean(x[r]^2) + eps) * weight, for every row.
void rmsNormRows(float *out, const float *x, const float *weight, int64_t rows, int64_t dim, float eps) {
    at::parallel_for(0, rows, kRowGrain, [&](int64_t begin, int64_t end) {
        for (int64_t r = begin; r < end; ++r) {
            const float *in = x + r * dim;
            float squares = 0.f;
            for (int64_t i = 0; i < dim; ++i) {
                squares += in[i] * in[i];
            }
            const float scale = 1.f / std::sqrt(squares / float(dim) + eps);
            float *o = out + r * dim;
            for (int64_t i = 0; i < dim; ++i) {
                o[i] = in[i] * scale * weight[i];
            }
        }
    });
}

// Rotates `heads` heads starting at column `column` of each row (stride `stride`) by the angles of the row's
// position (row % length), Hugging Face's half-split layout.
void ropeRows(float *rows, int64_t count, int64_t stride, int64_t column, int64_t heads, int64_t headDim,
              int64_t length, int64_t firstPosition, const std::vector<float> &cos, const std::vector<float> &sin) {
    const int64_t half = headDim / 2;
    at::parallel_for(0, count, kRowGrain, [&](int64_t begin, int64_t end) {
        for (int64_t r = begin; r < end; ++r) {
            const int64_t position = firstPosition + r % length;
            const float *c = cos.data() + position * half, *s = sin.data() + position * half;
            for (int64_t h = 0; h < heads; ++h) {
                float *head = rows + r * stride + column + h * headDim;
                for (int64_t i = 0; i < half; ++i) {
                    const float a = head[i], b = head[i + half];
                    head[i] = a * c[i] - b * s[i];
                    head[i + half] = b * c[i] + a * s[i];
                }
            }
        }
    });
}

void addRows(float *x, const float *y, int64_t count) {
    at::parallel_for(0, count, kRowGrain * 64, [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i) {
            x[i] += y[i];
        }
    });
}

// hidden[r, i] = silu(gateUp[r, i]) * gateUp[r, hiddenDim + i]
void swiglu(float *hidden, const float *gateUp, int64_t rows, int64_t hiddenDim) {
    at::parallel_for(0, rows, kRowGrain, [&](int64_t begin, int64_t end) {
        for (int64_t r = begin; r < end; ++r) {
            const float *g = gateUp + r * 2 * hiddenDim, *u = g + hiddenDim;
            float *h = hidden + r * hiddenDim;
            for (int64_t i = 0; i < hiddenDim; ++i) {
                h[i] = g[i] / (1.f + std::exp(-g[i])) * u[i];
            }
        }
    });
}

std::vector<float> copyOf(const torch::Tensor &t) {
    const auto c = t.contiguous();
    return {c.data_ptr<float>(), c.data_ptr<float>() + c.numel()};
}

// Rows [first, first + count) of a [n, k] weight, packed.
PackedWeight packRows(const torch::Tensor &weight, int64_t first, int64_t count) {
    const auto w = weight.contiguous();
    return {w.data_ptr<float>() + first * w.size(1), count, w.size(1)};
}

} // namespace

std::optional<CpuFeatureExtractor> CpuFeatureExtractor::create(const LlamaModel &model) {
    if (model.device() != torch::kCPU || model.dtype() != torch::kFloat32 ||
        !causalAttentionApplies(model.dtype(), model.device(), model.config().headDim())) {
        return std::nullopt;
    }
    torch::NoGradGuard noGrad;
    const auto &c = model.config();
    const int64_t d = c.dim, kvd = c.kvDim();
    CpuFeatureExtractor e;
    e.m_config = c;
    const auto &w = model.weights();
    e.m_embed = copyOf(w.embed);
    e.m_norm = copyOf(w.norm);
    const auto merged = mergedLayers(model);
    for (size_t i = 0; i < merged.size(); ++i) {
        const auto &m = merged[i];
        Layer layer;
        layer.attnNorm = copyOf(m.attnNorm);
        layer.ffnNorm = copyOf(m.ffnNorm);
        if (i + 1 < merged.size()) {
            layer.qkv = packRows(m.wqkv, 0, d + 2 * kvd);
        } else {
            layer.kv = packRows(m.wqkv, d, 2 * kvd);
            layer.query = packRows(m.wqkv, 0, d);
        }
        layer.wo = packRows(m.wo, 0, d);
        layer.gateUp = packRows(m.wGateUp, 0, 2 * c.hiddenDim);
        layer.down = packRows(m.wDown, 0, d);
        e.m_layers.push_back(std::move(layer));
    }
    ropeTables(c, c.maxSeqLen, e.m_cos, e.m_sin);
    return e;
}

void CpuFeatureExtractor::Scratch::reserve(const LlamaConfig &c, int64_t wanted) {
    if (wanted <= rows) {
        return;
    }
    rows = wanted;
    x.resize(size_t(rows * c.dim));
    xb.resize(size_t(rows * c.dim));
    qkv.resize(size_t(rows * (c.dim + 2 * c.kvDim())));
    out.resize(size_t(rows * c.dim));
    gateUp.resize(size_t(rows * 2 * c.hiddenDim));
    hidden.resize(size_t(rows * c.hiddenDim));
}

void CpuFeatureExtractor::fullLayer(Scratch &s, const Layer &layer, int64_t batch, int64_t length) const {
    const auto &c = m_config;
    const int64_t rows = batch * length, d = c.dim, kvd = c.kvDim(), hd = c.headDim(), width = d + 2 * kvd;
    rmsNormRows(s.xb.data(), s.x.data(), layer.attnNorm.data(), rows, d, c.normEps);
    layer.qkv.apply(s.xb.data(), rows, s.qkv.data());
    ropeRows(s.qkv.data(), rows, width, 0, c.nHeads, hd, length, 0, m_cos, m_sin);
    ropeRows(s.qkv.data(), rows, width, d, c.nKvHeads, hd, length, 0, m_cos, m_sin);
    const auto qkv = matrix(s.qkv, rows, width);
    const auto att =
        causalAttention(qkv.narrow(1, 0, d).view({batch, length, c.nHeads, hd}),
                        qkv.narrow(1, d, kvd).view({batch, length, c.nKvHeads, hd}),
                        qkv.narrow(1, d + kvd, kvd).view({batch, length, c.nKvHeads, hd}), 1.0 / std::sqrt(double(hd)));
    layer.wo.apply(att.data_ptr<float>(), rows, s.out.data());
    addRows(s.x.data(), s.out.data(), rows * d);
    rmsNormRows(s.xb.data(), s.x.data(), layer.ffnNorm.data(), rows, d, c.normEps);
    layer.gateUp.apply(s.xb.data(), rows, s.gateUp.data());
    swiglu(s.hidden.data(), s.gateUp.data(), rows, c.hiddenDim);
    layer.down.apply(s.hidden.data(), rows, s.out.data());
    addRows(s.x.data(), s.out.data(), rows * d);
}

// Keys and values at every position; query, attention output and feed-forward at the last position only.
// Leaves the final-normed last-token states in s.lastB.
void CpuFeatureExtractor::lastLayer(Scratch &s, const Layer &layer, int64_t batch, int64_t length) const {
    const auto &c = m_config;
    const int64_t rows = batch * length, d = c.dim, kvd = c.kvDim(), hd = c.headDim();
    const int64_t groups = c.nHeads / c.nKvHeads;
    rmsNormRows(s.xb.data(), s.x.data(), layer.attnNorm.data(), rows, d, c.normEps);
    layer.kv.apply(s.xb.data(), rows, s.qkv.data());
    ropeRows(s.qkv.data(), rows, 2 * kvd, 0, c.nKvHeads, hd, length, 0, m_cos, m_sin);
    s.last.resize(size_t(batch * d));
    s.lastB.resize(size_t(batch * d));
    s.query.resize(size_t(batch * d));
    s.att.resize(size_t(batch * d));
    for (int64_t b = 0; b < batch; ++b) {
        const int64_t row = b * length + length - 1;
        std::copy_n(s.x.data() + row * d, d, s.last.data() + b * d);
        std::copy_n(s.xb.data() + row * d, d, s.lastB.data() + b * d);
    }
    layer.query.apply(s.lastB.data(), batch, s.query.data());
    ropeRows(s.query.data(), batch, d, 0, c.nHeads, hd, 1, length - 1, m_cos, m_sin);
    const float scale = 1.f / std::sqrt(float(hd));
    std::vector<float> scores(static_cast<size_t>(length));
    for (int64_t task = 0; task < batch * c.nHeads; ++task) {
        const int64_t b = task / c.nHeads, h = task % c.nHeads, kvHead = h / groups;
        const float *q = s.query.data() + b * d + h * hd;
        const float *keys = s.qkv.data() + b * length * 2 * kvd + kvHead * hd;
        float top = -INFINITY;
        for (int64_t t = 0; t < length; ++t) {
            const float *k = keys + t * 2 * kvd;
            float dot = 0.f;
            for (int64_t i = 0; i < hd; ++i) {
                dot += q[i] * k[i];
            }
            scores[size_t(t)] = dot * scale;
            top = std::max(top, scores[size_t(t)]);
        }
        float total = 0.f;
        for (auto &score : scores) {
            score = std::exp(score - top);
            total += score;
        }
        float *out = s.att.data() + b * d + h * hd;
        std::fill(out, out + hd, 0.f);
        for (int64_t t = 0; t < length; ++t) {
            const float p = scores[size_t(t)] / total, *v = keys + t * 2 * kvd + kvd;
            for (int64_t i = 0; i < hd; ++i) {
                out[i] += p * v[i];
            }
        }
    }
    layer.wo.apply(s.att.data(), batch, s.out.data());
    addRows(s.last.data(), s.out.data(), batch * d);
    rmsNormRows(s.lastB.data(), s.last.data(), layer.ffnNorm.data(), batch, d, c.normEps);
    layer.gateUp.apply(s.lastB.data(), batch, s.gateUp.data());
    swiglu(s.hidden.data(), s.gateUp.data(), batch, c.hiddenDim);
    layer.down.apply(s.hidden.data(), batch, s.out.data());
    addRows(s.last.data(), s.out.data(), batch * d);
    rmsNormRows(s.lastB.data(), s.last.data(), m_norm.data(), batch, d, c.normEps);
}

void CpuFeatureExtractor::capture(const Scratch &s, int64_t batch, int64_t length, int slot, float *out) const {
    const int64_t d = m_config.dim, stride = int64_t(m_config.nLayers + 1) * d;
    for (int64_t b = 0; b < batch; ++b) {
        std::copy_n(s.x.data() + (b * length + length - 1) * d, d, out + b * stride + slot * d);
    }
}

void CpuFeatureExtractor::extract(Scratch &s, const int *tokens, int64_t batch, int64_t length, float *out) const {
    const auto &c = m_config;
    const int64_t d = c.dim, rows = batch * length, stride = int64_t(c.nLayers + 1) * d;
    s.reserve(c, rows);
    for (int64_t r = 0; r < rows; ++r) {
        std::copy_n(m_embed.data() + int64_t(tokens[r]) * d, d, s.x.data() + r * d);
    }
    capture(s, batch, length, 0, out);
    for (int i = 0; i + 1 < c.nLayers; ++i) {
        fullLayer(s, m_layers[size_t(i)], batch, length);
        capture(s, batch, length, i + 1, out);
    }
    lastLayer(s, m_layers.back(), batch, length);
    for (int64_t b = 0; b < batch; ++b) {
        std::copy_n(s.lastB.data() + b * d, d, out + b * stride + int64_t(c.nLayers) * d);
    }
}

std::vector<std::vector<float>> CpuFeatureExtractor::features(const std::vector<std::vector<int>> &sequences,
                                                              size_t batchSize) const {
    struct Batch {
        size_t begin, end; // positions in `order`
    };
    std::vector<size_t> order(sequences.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return sequences[a].size() < sequences[b].size(); });
    // Small enough batches that every thread gets one (a client of 20 samples still uses both cores).
    const size_t threads = size_t(std::max(1, at::get_num_threads()));
    const size_t perBatch = std::clamp((sequences.size() + threads - 1) / threads, size_t(1), batchSize);
    std::vector<Batch> batches;
    for (size_t begin = 0; begin < order.size();) {
        const size_t length = sequences[order[begin]].size();
        size_t end = begin;
        while (end < order.size() && end - begin < perBatch && sequences[order[end]].size() == length) {
            ++end;
        }
        batches.push_back({begin, end});
        begin = end;
    }
    const size_t width = size_t(m_config.nLayers + 1) * size_t(m_config.dim);
    std::vector<std::vector<float>> features(sequences.size());
    std::atomic<size_t> next{0};
    // One task per thread, each taking the next batch when it is done with one: batches differ in length.
    at::parallel_for(0, int64_t(std::min(threads, batches.size())), 1, [&](int64_t first, int64_t last) {
        c10::InferenceMode inference; // thread-local: the worker threads do not inherit the caller's
        Scratch scratch;
        std::vector<int> tokens;
        std::vector<float> out;
        for (int64_t worker = first; worker < last; ++worker) {
            for (size_t at = next++; at < batches.size(); at = next++) {
                const auto [begin, end] = batches[at];
                const size_t length = sequences[order[begin]].size();
                tokens.clear();
                for (size_t i = begin; i < end; ++i) {
                    tokens.insert(tokens.end(), sequences[order[i]].begin(), sequences[order[i]].end());
                }
                out.resize((end - begin) * width);
                extract(scratch, tokens.data(), int64_t(end - begin), int64_t(length), out.data());
                for (size_t i = begin; i < end; ++i) {
                    const float *row = out.data() + (i - begin) * width;
                    features[order[i]].assign(row, row + width);
                }
            }
        }
    });
    return features;
}

} // namespace fp::engine::detail
