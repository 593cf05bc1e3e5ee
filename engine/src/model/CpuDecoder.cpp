#include "model/CpuDecoder.h"

#include <cmath>

namespace fp::engine::detail {
namespace {

// Below this many weights a hand-written loop beats a LibTorch call (dispatch + BLAS set-up).
constexpr int64_t kTorchMatvecThreshold = int64_t(1) << 16;

// out[rows] = W[rows, cols] x[cols]
void matvec(float *out, const torch::Tensor &weight, const float *x) {
    const int64_t rows = weight.size(0), cols = weight.size(1);
    if (rows * cols >= kTorchMatvecThreshold) {
        auto outTensor = torch::from_blob(out, {rows});
        const auto xTensor = torch::from_blob(const_cast<float *>(x), {cols});
        torch::mv_out(outTensor, weight, xTensor);
        return;
    }
    const float *w = weight.data_ptr<float>();
    for (int64_t r = 0; r < rows; ++r) {
        const float *row = w + r * cols;
        float acc[8] = {0.f, 0.f, 0.f, 0.f, 0.f, 0.f, 0.f, 0.f};
        int64_t c = 0;
        for (; c + 8 <= cols; c += 8) {
            for (int j = 0; j < 8; ++j) {
                acc[j] += row[c + j] * x[c + j];
            }
        }
        float sum = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
        for (; c < cols; ++c) {
            sum += row[c] * x[c];
        }
        out[r] = sum;
    }
}

void rmsNorm(float *out, const float *x, const float *weight, int64_t n, float eps) {
    double squares = 0.0;
    for (int64_t i = 0; i < n; ++i) {
        squares += double(x[i]) * x[i];
    }
    const float scale = 1.f / std::sqrt(float(squares / double(n)) + eps);
    for (int64_t i = 0; i < n; ++i) {
        out[i] = x[i] * scale * weight[i];
    }
}

// Rotates each head's halves (Hugging Face layout) by the angles of one position.
void rope(float *v, int heads, int headDim, const float *cos, const float *sin) {
    const int half = headDim / 2;
    for (int h = 0; h < heads; ++h) {
        float *head = v + h * headDim;
        for (int i = 0; i < half; ++i) {
            const float a = head[i], b = head[i + half];
            head[i] = a * cos[i] - b * sin[i];
            head[i + half] = b * cos[i] + a * sin[i];
        }
    }
}

} // namespace

torch::Tensor mergedLora(const torch::Tensor &weight, const LoraState &lora, int layer,
                         std::initializer_list<std::pair<LoraModule, int64_t>> blocks) {
    if (!lora.active()) {
        return weight.contiguous();
    }
    auto merged = weight.clone();
    for (const auto &[module, row] : blocks) {
        if (const LoraPair *p = lora.pair(layer, module)) {
            merged.narrow(0, row, p->b.size(0)).add_(torch::mm(p->b, p->a), lora.config().scaling());
        }
    }
    return merged;
}

void ropeTables(const LlamaConfig &config, int64_t positions, std::vector<float> &cos, std::vector<float> &sin) {
    const int half = config.headDim() / 2;
    cos.resize(size_t(positions * half));
    sin.resize(size_t(positions * half));
    for (int64_t p = 0; p < positions; ++p) {
        for (int i = 0; i < half; ++i) {
            // Same formula and precision as LlamaModel's tables (computed in double, stored as float).
            const double angle =
                double(p) * std::pow(double(config.ropeTheta), -double(2 * i) / double(config.headDim()));
            cos[size_t(p * half + i)] = float(std::cos(angle));
            sin[size_t(p * half + i)] = float(std::sin(angle));
        }
    }
}

std::vector<MergedLayer> mergedLayers(const LlamaModel &model) {
    const auto &c = model.config();
    const auto &w = model.weights();
    const auto &lora = model.lora();
    std::vector<MergedLayer> layers;
    layers.reserve(size_t(c.nLayers));
    for (int i = 0; i < c.nLayers; ++i) {
        const auto &src = w.layers[size_t(i)];
        MergedLayer layer;
        layer.attnNorm = src.attnNorm.contiguous();
        layer.ffnNorm = src.ffnNorm.contiguous();
        layer.wqkv = mergedLora(src.wqkv, lora, i, {{kQ, 0}, {kK, c.dim}, {kV, c.dim + c.kvDim()}});
        layer.wo = mergedLora(src.wo, lora, i, {{kO, 0}});
        layer.wGateUp = mergedLora(src.wGateUp, lora, i, {{kGate, 0}, {kUp, c.hiddenDim}});
        layer.wDown = mergedLora(src.wDown, lora, i, {{kDown, 0}});
        layers.push_back(std::move(layer));
    }
    return layers;
}

std::optional<CpuDecoder> CpuDecoder::create(const LlamaModel &model, int64_t capacity) {
    if (model.device() != torch::kCPU || model.dtype() != torch::kFloat32) {
        return std::nullopt;
    }
    torch::NoGradGuard noGrad;
    const auto &c = model.config();
    CpuDecoder d;
    d.m_config = c;
    d.m_capacity = capacity;
    const auto &w = model.weights();
    d.m_embed = w.embed.contiguous();
    d.m_norm = w.norm.contiguous();
    d.m_lmHead = w.lmHead.contiguous();
    d.m_layers = mergedLayers(model);
    ropeTables(c, capacity, d.m_cos, d.m_sin);
    d.m_keys.resize(size_t(c.nLayers * capacity * c.kvDim()));
    d.m_values.resize(d.m_keys.size());
    d.m_x.resize(size_t(c.dim));
    d.m_xb.resize(size_t(c.dim));
    d.m_qkv.resize(size_t(c.dim + 2 * c.kvDim()));
    d.m_att.resize(size_t(c.dim));
    d.m_scores.resize(size_t(capacity));
    d.m_out.resize(size_t(c.dim));
    d.m_gateUp.resize(size_t(2 * c.hiddenDim));
    d.m_hidden.resize(size_t(c.hiddenDim));
    d.m_logits.resize(size_t(c.vocabSize));
    return d;
}

void CpuDecoder::attention(const Layer &layer, size_t index) {
    const auto &c = m_config;
    const int hd = c.headDim(), kvd = c.kvDim(), groups = c.nHeads / c.nKvHeads, half = hd / 2;
    rmsNorm(m_xb.data(), m_x.data(), layer.attnNorm.data_ptr<float>(), c.dim, c.normEps);
    matvec(m_qkv.data(), layer.wqkv, m_xb.data());
    float *q = m_qkv.data(), *k = q + c.dim, *v = k + kvd;
    const float *cos = m_cos.data() + m_position * half, *sin = m_sin.data() + m_position * half;
    rope(q, c.nHeads, hd, cos, sin);
    rope(k, c.nKvHeads, hd, cos, sin);
    float *keys = m_keys.data() + int64_t(index) * m_capacity * kvd;
    float *values = m_values.data() + int64_t(index) * m_capacity * kvd;
    std::copy(k, k + kvd, keys + m_position * kvd);
    std::copy(v, v + kvd, values + m_position * kvd);
    const float scale = 1.f / std::sqrt(float(hd));
    for (int h = 0; h < c.nHeads; ++h) {
        const int kvHead = h / groups;
        const float *qh = q + h * hd;
        float top = -INFINITY;
        for (int64_t t = 0; t <= m_position; ++t) {
            const float *kt = keys + t * kvd + kvHead * hd;
            float dot = 0.f;
            for (int i = 0; i < hd; ++i) {
                dot += qh[i] * kt[i];
            }
            m_scores[size_t(t)] = dot * scale;
            top = std::max(top, m_scores[size_t(t)]);
        }
        float total = 0.f;
        for (int64_t t = 0; t <= m_position; ++t) {
            m_scores[size_t(t)] = std::exp(m_scores[size_t(t)] - top);
            total += m_scores[size_t(t)];
        }
        float *out = m_att.data() + h * hd;
        std::fill(out, out + hd, 0.f);
        for (int64_t t = 0; t <= m_position; ++t) {
            const float p = m_scores[size_t(t)] / total;
            const float *vt = values + t * kvd + kvHead * hd;
            for (int i = 0; i < hd; ++i) {
                out[i] += p * vt[i];
            }
        }
    }
    matvec(m_out.data(), layer.wo, m_att.data());
    for (int i = 0; i < c.dim; ++i) {
        m_x[size_t(i)] += m_out[size_t(i)];
    }
}

void CpuDecoder::feedForward(const Layer &layer) {
    const auto &c = m_config;
    rmsNorm(m_xb.data(), m_x.data(), layer.ffnNorm.data_ptr<float>(), c.dim, c.normEps);
    matvec(m_gateUp.data(), layer.wGateUp, m_xb.data());
    for (int i = 0; i < c.hiddenDim; ++i) {
        const float gate = m_gateUp[size_t(i)];
        m_hidden[size_t(i)] = gate / (1.f + std::exp(-gate)) * m_gateUp[size_t(c.hiddenDim + i)];
    }
    matvec(m_out.data(), layer.wDown, m_hidden.data());
    for (int i = 0; i < c.dim; ++i) {
        m_x[size_t(i)] += m_out[size_t(i)];
    }
}

const float *CpuDecoder::step(int token) {
    const auto &c = m_config;
    const float *row = m_embed.data_ptr<float>() + int64_t(token) * c.dim;
    std::copy(row, row + c.dim, m_x.begin());
    for (size_t i = 0; i < m_layers.size(); ++i) {
        attention(m_layers[i], i);
        feedForward(m_layers[i]);
    }
    rmsNorm(m_xb.data(), m_x.data(), m_norm.data_ptr<float>(), c.dim, c.normEps);
    matvec(m_logits.data(), m_lmHead, m_xb.data());
    ++m_position;
    return m_logits.data();
}

} // namespace fp::engine::detail
