#include "model/CpuFeatures.h"

#include "model/CausalAttention.h"
#include "model/CpuDecoder.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>

namespace fp::engine::detail {
namespace {

constexpr int64_t kRowGrain = 64; // rows per parallel task for the row loops

torch::Tensor matrix(std::vector<float> &buffer, int64_t rows, int64_t cols) {
    return torch::from_blob(buffer.data(), {rows, cols});
}

// out = x W^T, written into out's buffer.
void project(std::vector<float> &out, const std::vector<float> &x, int64_t rows, const torch::Tensor &weight) {
    auto outTensor = matrix(out, rows, weight.size(0));
    const auto in = torch::from_blob(const_cast<float *>(x.data()), {rows, weight.size(1)});
    torch::mm_out(outTensor, in, weight.t());
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

} // namespace

std::optional<CpuFeatureExtractor> CpuFeatureExtractor::create(const LlamaModel &model) {
    if (model.device() != torch::kCPU || model.dtype() != torch::kFloat32 ||
        !causalAttentionApplies(model.dtype(), model.device(), model.config().headDim())) {
        return std::nullopt;
    }
    torch::NoGradGuard noGrad;
    const auto &c = model.config();
    CpuFeatureExtractor e;
    e.m_config = c;
    const auto &w = model.weights();
    e.m_embed = w.embed.contiguous();
    e.m_norm = w.norm.contiguous();
    e.m_layers = mergedLayers(model);
    ropeTables(c, c.maxSeqLen, e.m_cos, e.m_sin);
    return e;
}

void CpuFeatureExtractor::reserve(int64_t rows) {
    if (rows <= m_rows) {
        return;
    }
    const auto &c = m_config;
    m_rows = rows;
    m_x.resize(size_t(rows * c.dim));
    m_xb.resize(size_t(rows * c.dim));
    m_qkv.resize(size_t(rows * (c.dim + 2 * c.kvDim())));
    m_out.resize(size_t(rows * c.dim));
    m_gateUp.resize(size_t(rows * 2 * c.hiddenDim));
    m_hidden.resize(size_t(rows * c.hiddenDim));
}

void CpuFeatureExtractor::fullLayer(const Layer &layer, int64_t batch, int64_t length) {
    const auto &c = m_config;
    const int64_t rows = batch * length, d = c.dim, kvd = c.kvDim(), hd = c.headDim(), width = d + 2 * kvd;
    rmsNormRows(m_xb.data(), m_x.data(), layer.attnNorm.data_ptr<float>(), rows, d, c.normEps);
    project(m_qkv, m_xb, rows, layer.wqkv);
    ropeRows(m_qkv.data(), rows, width, 0, c.nHeads, hd, length, 0, m_cos, m_sin);
    ropeRows(m_qkv.data(), rows, width, d, c.nKvHeads, hd, length, 0, m_cos, m_sin);
    const auto qkv = matrix(m_qkv, rows, width);
    const auto att =
        causalAttention(qkv.narrow(1, 0, d).view({batch, length, c.nHeads, hd}),
                        qkv.narrow(1, d, kvd).view({batch, length, c.nKvHeads, hd}),
                        qkv.narrow(1, d + kvd, kvd).view({batch, length, c.nKvHeads, hd}), 1.0 / std::sqrt(double(hd)));
    auto out = matrix(m_out, rows, d);
    torch::mm_out(out, att, layer.wo.t());
    addRows(m_x.data(), m_out.data(), rows * d);
    rmsNormRows(m_xb.data(), m_x.data(), layer.ffnNorm.data_ptr<float>(), rows, d, c.normEps);
    project(m_gateUp, m_xb, rows, layer.wGateUp);
    swiglu(m_hidden.data(), m_gateUp.data(), rows, c.hiddenDim);
    project(m_out, m_hidden, rows, layer.wDown);
    addRows(m_x.data(), m_out.data(), rows * d);
}

// Keys and values at every position; query, attention output and feed-forward at the last position only.
// Leaves the final-normed last-token states in m_lastB.
void CpuFeatureExtractor::lastLayer(const Layer &layer, int64_t batch, int64_t length) {
    const auto &c = m_config;
    const int64_t rows = batch * length, d = c.dim, kvd = c.kvDim(), hd = c.headDim();
    const int64_t groups = c.nHeads / c.nKvHeads;
    rmsNormRows(m_xb.data(), m_x.data(), layer.attnNorm.data_ptr<float>(), rows, d, c.normEps);
    auto kv = matrix(m_qkv, rows, 2 * kvd);
    torch::mm_out(kv, matrix(m_xb, rows, d), layer.wqkv.narrow(0, d, 2 * kvd).t());
    ropeRows(m_qkv.data(), rows, 2 * kvd, 0, c.nKvHeads, hd, length, 0, m_cos, m_sin);
    m_last.resize(size_t(batch * d));
    m_lastB.resize(size_t(batch * d));
    m_query.resize(size_t(batch * d));
    m_att.resize(size_t(batch * d));
    for (int64_t b = 0; b < batch; ++b) {
        const int64_t row = b * length + length - 1;
        std::copy_n(m_x.data() + row * d, d, m_last.data() + b * d);
        std::copy_n(m_xb.data() + row * d, d, m_lastB.data() + b * d);
    }
    auto query = matrix(m_query, batch, d);
    torch::mm_out(query, matrix(m_lastB, batch, d), layer.wqkv.narrow(0, 0, d).t());
    ropeRows(m_query.data(), batch, d, 0, c.nHeads, hd, 1, length - 1, m_cos, m_sin);
    const float scale = 1.f / std::sqrt(float(hd));
    at::parallel_for(0, batch * c.nHeads, 1, [&](int64_t begin, int64_t end) {
        std::vector<float> scores(static_cast<size_t>(length));
        for (int64_t task = begin; task < end; ++task) {
            const int64_t b = task / c.nHeads, h = task % c.nHeads, kvHead = h / groups;
            const float *q = m_query.data() + b * d + h * hd;
            const float *keys = m_qkv.data() + b * length * 2 * kvd + kvHead * hd;
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
            for (auto &s : scores) {
                s = std::exp(s - top);
                total += s;
            }
            float *out = m_att.data() + b * d + h * hd;
            std::fill(out, out + hd, 0.f);
            for (int64_t t = 0; t < length; ++t) {
                const float p = scores[size_t(t)] / total, *v = keys + t * 2 * kvd + kvd;
                for (int64_t i = 0; i < hd; ++i) {
                    out[i] += p * v[i];
                }
            }
        }
    });
    project(m_out, m_att, batch, layer.wo);
    addRows(m_last.data(), m_out.data(), batch * d);
    rmsNormRows(m_lastB.data(), m_last.data(), layer.ffnNorm.data_ptr<float>(), batch, d, c.normEps);
    project(m_gateUp, m_lastB, batch, layer.wGateUp);
    swiglu(m_hidden.data(), m_gateUp.data(), batch, c.hiddenDim);
    project(m_out, m_hidden, batch, layer.wDown);
    addRows(m_last.data(), m_out.data(), batch * d);
    rmsNormRows(m_lastB.data(), m_last.data(), m_norm.data_ptr<float>(), batch, d, c.normEps);
}

void CpuFeatureExtractor::capture(int64_t batch, int64_t length, int slot, float *out) const {
    const int64_t d = m_config.dim, stride = int64_t(m_config.nLayers + 1) * d;
    for (int64_t b = 0; b < batch; ++b) {
        std::copy_n(m_x.data() + (b * length + length - 1) * d, d, out + b * stride + slot * d);
    }
}

void CpuFeatureExtractor::extract(const int *tokens, int64_t batch, int64_t length, float *out) {
    const auto &c = m_config;
    const int64_t d = c.dim, rows = batch * length, stride = int64_t(c.nLayers + 1) * d;
    reserve(rows);
    const float *embed = m_embed.data_ptr<float>();
    for (int64_t r = 0; r < rows; ++r) {
        std::copy_n(embed + int64_t(tokens[r]) * d, d, m_x.data() + r * d);
    }
    capture(batch, length, 0, out);
    for (int i = 0; i + 1 < c.nLayers; ++i) {
        fullLayer(m_layers[size_t(i)], batch, length);
        capture(batch, length, i + 1, out);
    }
    lastLayer(m_layers.back(), batch, length);
    for (int64_t b = 0; b < batch; ++b) {
        std::copy_n(m_lastB.data() + b * d, d, out + b * stride + int64_t(c.nLayers) * d);
    }
}

} // namespace fp::engine::detail
