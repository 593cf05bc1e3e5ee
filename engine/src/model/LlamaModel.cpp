#include "model/LlamaModel.h"

#include "model/CausalAttention.h"
#include "model/RmsNorm.h"

#include "fedpilot/engine/Instruction.h"

#include <cmath>
#include <cstring>

namespace fp::engine::detail {

namespace {

// A tensor over the mapped bytes themselves, when they already are what the model computes with (CPU, same dtype)
// and aligned for the element type; undefined otherwise. The deleter holds the mapping until torch lets go. The
// mapping is read-only: the model never writes its weights in place (LoRA merges clone, the RoPE permutation makes
// a copy), and a write would fault rather than change the file.
torch::Tensor viewOfMapping(const RawTensor &raw, torch::ScalarType stored, torch::Device device,
                            torch::ScalarType dtype) {
    const auto address = reinterpret_cast<std::uintptr_t>(raw.bytes.data());
    if (!raw.bytes.isView() || stored != dtype || !device.is_cpu() || address % dtypeSize(raw.dtype) != 0) {
        return {};
    }
    auto keepAlive = raw.bytes.keepAlive();
    return torch::from_blob(
        const_cast<std::byte *>(raw.bytes.data()), raw.shape, [keepAlive](void *) mutable { keepAlive.reset(); },
        torch::TensorOptions().dtype(stored));
}

// After a mapped tensor was copied: its pages need not stay in memory.
void releaseIfCopied(const RawTensor &raw, const torch::Tensor &tensor) {
    if (raw.bytes.isView() && tensor.data_ptr() != static_cast<const void *>(raw.bytes.data())) {
        raw.bytes.releasePages();
    }
}

} // namespace

torch::Tensor toTorch(const RawTensor &raw, torch::Device device, torch::ScalarType dtype) {
    torch::ScalarType stored = torch::kFloat32;
    switch (raw.dtype) {
    case DType::F32: stored = torch::kFloat32; break;
    case DType::F16: stored = torch::kFloat16; break;
    case DType::BF16: stored = torch::kBFloat16; break;
    case DType::F64: stored = torch::kFloat64; break;
    default: {
        const auto values = raw.toFloat32();
        return torch::tensor(values).view(raw.shape).to(device, dtype);
    }
    }
    if (auto view = viewOfMapping(raw, stored, device, dtype); view.defined()) {
        return view;
    }
    auto tensor = torch::empty(raw.shape, torch::TensorOptions().dtype(stored));
    std::memcpy(tensor.data_ptr(), raw.bytes.data(), raw.bytes.size());
    return tensor.to(device, dtype);
}

RawTensor fromTorch(const torch::Tensor &tensor) {
    const auto cpu = tensor.detach().to(torch::kCPU, torch::kFloat32).contiguous();
    return RawTensor::fromFloat32(cpu.sizes().vec(), cpu.data_ptr<float>());
}

Result<LlamaModel> LlamaModel::fromCheckpoint(const Checkpoint &checkpoint, torch::Device device,
                                              torch::ScalarType dtype) {
    return build(checkpoint, nullptr, device, dtype);
}

Result<LlamaModel> LlamaModel::fromCheckpoint(Checkpoint &&checkpoint, torch::Device device, torch::ScalarType dtype) {
    return build(checkpoint, &checkpoint.tensors, device, dtype);
}

// spend: when given (the checkpoint's own tensors), each tensor is erased once converted.
Result<LlamaModel> LlamaModel::build(const Checkpoint &checkpoint, TensorMap *spend, torch::Device device,
                                     torch::ScalarType dtype) {
    if (auto ok = checkpoint.config.validate(); !ok) {
        return std::unexpected(ok.error());
    }
    const auto &t = checkpoint.tensors;
    const auto get = [&](const std::string &name) -> Result<torch::Tensor> {
        const auto it = t.find(name);
        if (it == t.end()) {
            return fail(ErrorCode::NotFound, checkpoint.sourceDescription + ": tensor " + name + " is missing");
        }
        auto tensor = toTorch(it->second, device, dtype);
        releaseIfCopied(it->second, tensor);
        return tensor;
    };
    // Converted tensors leave a spent checkpoint (a view keeps its mapping alive through the tensor's deleter).
    const auto spent = [&](std::initializer_list<std::string> names) {
        for (const auto &name : names) {
            if (spend != nullptr) {
                spend->erase(name);
            }
        }
    };
    // q/k/v and gate/up are concatenated into new tensors: once copied, their mapped pages can go.
    const auto releaseCopied = [&](std::initializer_list<std::string> names) {
        for (const auto &name : names) {
            if (const auto it = t.find(name); it != t.end()) {
                it->second.bytes.releasePages();
            }
        }
    };
    try {
        torch::NoGradGuard noGrad;
        LlamaModel model;
        model.m_config = checkpoint.config;
        model.m_device = device;
        model.m_dtype = dtype;
        std::vector<std::string> missing;
        auto need = [&](const std::string &name) {
            auto r = get(name);
            if (!r) {
                missing.push_back(name);
                return torch::Tensor();
            }
            return *r;
        };
        model.m_weights.embed = need("model.embed_tokens.weight");
        model.m_weights.norm = need("model.norm.weight");
        model.m_weights.lmHead = checkpoint.config.tiedEmbeddings ? model.m_weights.embed : need("lm_head.weight");
        for (int i = 0; i < checkpoint.config.nLayers; ++i) {
            const std::string p = "model.layers." + std::to_string(i) + ".";
            LayerWeights w;
            w.attnNorm = need(p + "input_layernorm.weight");
            w.ffnNorm = need(p + "post_attention_layernorm.weight");
            auto q = need(p + "self_attn.q_proj.weight"), k = need(p + "self_attn.k_proj.weight");
            auto v = need(p + "self_attn.v_proj.weight");
            w.wo = need(p + "self_attn.o_proj.weight");
            auto gate = need(p + "mlp.gate_proj.weight"), up = need(p + "mlp.up_proj.weight");
            w.wDown = need(p + "mlp.down_proj.weight");
            if (missing.empty()) {
                w.wqkv = torch::cat({q, k, v}, 0).contiguous();
                w.wGateUp = torch::cat({gate, up}, 0).contiguous();
                releaseCopied({p + "self_attn.q_proj.weight", p + "self_attn.k_proj.weight",
                               p + "self_attn.v_proj.weight", p + "mlp.gate_proj.weight", p + "mlp.up_proj.weight"});
                spent({p + "input_layernorm.weight", p + "post_attention_layernorm.weight",
                       p + "self_attn.q_proj.weight", p + "self_attn.k_proj.weight", p + "self_attn.v_proj.weight",
                       p + "self_attn.o_proj.weight", p + "mlp.gate_proj.weight", p + "mlp.up_proj.weight",
                       p + "mlp.down_proj.weight"});
            }
            model.m_weights.layers.push_back(std::move(w));
        }
        if (!missing.empty()) {
            return fail(ErrorCode::NotFound, checkpoint.sourceDescription + ": tensor " + missing.front() +
                                                 " is missing (" + std::to_string(missing.size()) + " in all)");
        }
        const auto &c = model.m_config;
        const int64_t half = c.headDim() / 2;
        auto invFreq =
            torch::pow(double(c.ropeTheta), -torch::arange(0, half, torch::kFloat64) * 2.0 / double(c.headDim()));
        auto angles = torch::outer(torch::arange(0, c.maxSeqLen, torch::kFloat64), invFreq); // [S, half]
        model.m_cos = torch::cat({angles.cos(), angles.cos()}, 1).to(device, dtype);
        // rotate_half(x) * sin == roll(x, half) * [-sin, sin]
        model.m_sin = torch::cat({-angles.sin(), angles.sin()}, 1).to(device, dtype);
        return model;
    } catch (const std::exception &e) {
        return fail(ErrorCode::Runtime, checkpoint.sourceDescription + ": cannot build the model: " + e.what());
    }
}

int64_t LlamaModel::parameterCount() const {
    int64_t n =
        m_weights.embed.numel() + m_weights.norm.numel() + (m_config.tiedEmbeddings ? 0 : m_weights.lmHead.numel());
    for (const auto &w : m_weights.layers) {
        n += w.attnNorm.numel() + w.ffnNorm.numel() + w.wqkv.numel() + w.wo.numel() + w.wGateUp.numel() +
             w.wDown.numel();
    }
    return n;
}

KvCache LlamaModel::newCache(int64_t capacity) const {
    KvCache cache;
    const auto options = torch::TensorOptions().dtype(m_dtype).device(m_device);
    for (int i = 0; i < m_config.nLayers; ++i) {
        cache.keys.push_back(torch::empty({m_config.nKvHeads, capacity, m_config.headDim()}, options));
        cache.values.push_back(torch::empty({m_config.nKvHeads, capacity, m_config.headDim()}, options));
    }
    return cache;
}

torch::Tensor LlamaModel::rmsNorm(const torch::Tensor &x, const torch::Tensor &weight) const {
    if (torch::GradMode::is_enabled() && x.requires_grad() && !weight.requires_grad() &&
        x.scalar_type() == torch::kFloat32 && weight.scalar_type() == torch::kFloat32 && x.device().is_cpu()) {
        return rmsNormFrozenWeight(x, weight, m_config.normEps); // training: one autograd node
    }
    auto meanSquare = x.pow(2).mean(-1, true);
    return x * torch::rsqrt(meanSquare.add_(m_config.normEps)) * weight;
}

torch::Tensor LlamaModel::applyRope(const torch::Tensor &x, int64_t start, int64_t length) const {
    // x: [B, T, heads, headDim]; tables broadcast over batch and heads.
    const auto cos = m_cos.narrow(0, start, length).unsqueeze(1);
    const auto sin = m_sin.narrow(0, start, length).unsqueeze(1);
    return torch::addcmul(x * cos, x.roll(m_config.headDim() / 2, -1), sin);
}

torch::Tensor LlamaModel::attention(const torch::Tensor &x, int layer, int64_t batch, int64_t length,
                                    const ForwardOptions &o) const {
    const auto &c = m_config;
    const int64_t d = c.dim, kvd = c.kvDim(), hd = c.headDim(), kvh = c.nKvHeads, groups = c.nHeads / c.nKvHeads;
    const auto &w = m_weights.layers[size_t(layer)];
    const auto adapted = m_lora.project(x, w.wqkv, {d, kvd, kvd}, layer, kQ, o.training);
    const auto &v = adapted[2];
    const auto q = applyRope(adapted[0].view({batch, length, c.nHeads, hd}), o.startPosition, length);
    const auto k = applyRope(adapted[1].view({batch, length, kvh, hd}), o.startPosition, length);
    const double scale = 1.0 / std::sqrt(double(hd));
    if (!o.cache && length > 1 && causalAttentionApplies(m_dtype, m_device, hd)) {
        const auto out = causalAttention(q, k, v.view({batch, length, kvh, hd}), scale);
        return m_lora.project(out, w.wo, {d}, layer, kO, o.training).front();
    }
    // Grouped-query layout: the `groups` query heads sharing a kv head become rows of one batch entry.
    auto q3 = q.permute({0, 2, 1, 3}).reshape({batch * kvh, groups * length, hd});
    auto k3 = k.permute({0, 2, 1, 3});
    auto v3 = v.view({batch, length, kvh, hd}).permute({0, 2, 1, 3});
    int64_t keys = length;
    if (o.cache) {
        auto &cache = *o.cache;
        cache.keys[size_t(layer)].narrow(1, o.startPosition, length).copy_(k3[0]);
        cache.values[size_t(layer)].narrow(1, o.startPosition, length).copy_(v3[0]);
        keys = o.startPosition + length;
        k3 = cache.keys[size_t(layer)].narrow(1, 0, keys).unsqueeze(0);
        v3 = cache.values[size_t(layer)].narrow(1, 0, keys).unsqueeze(0);
    }
    k3 = k3.reshape({batch * kvh, keys, hd});
    v3 = v3.reshape({batch * kvh, keys, hd});
    const auto scores = o.causalMask ? torch::baddbmm(*o.causalMask, q3, k3.transpose(1, 2), 1.0, scale)
                                     : torch::bmm(q3, k3.transpose(1, 2)).mul_(scale);
    auto out = torch::bmm(torch::softmax(scores, -1), v3); // [B*kvh, groups*T, hd]
    out = out.view({batch, kvh, groups, length, hd}).permute({0, 3, 1, 2, 4}).reshape({batch * length, d});
    return m_lora.project(out, w.wo, {d}, layer, kO, o.training).front();
}

torch::Tensor LlamaModel::feedForward(const torch::Tensor &x, int layer, bool training) const {
    const auto &w = m_weights.layers[size_t(layer)];
    const int64_t h = m_config.hiddenDim;
    const auto adapted = m_lora.project(x, w.wGateUp, {h, h}, layer, kGate, training);
    const auto hidden = torch::silu(adapted[0]) * adapted[1];
    return m_lora.project(hidden, w.wDown, {m_config.dim}, layer, kDown, training).front();
}

torch::Tensor LlamaModel::forward(const torch::Tensor &tokens, const ForwardOptions &o) const {
    const int64_t batch = tokens.size(0), length = tokens.size(1);
    auto x = m_weights.embed.index_select(0, tokens.reshape({-1}));
    std::vector<torch::Tensor> captured;
    torch::Tensor rows;
    if (o.captureAt) {
        std::vector<int64_t> flat;
        for (int64_t b = 0; b < batch; ++b) {
            flat.push_back(b * length + (*o.captureAt)[size_t(b)]);
        }
        rows = torch::tensor(flat, torch::TensorOptions().dtype(torch::kLong)).to(m_device);
        captured.push_back(x.index_select(0, rows));
    }
    // Causal: query t (absolute start + t) sees keys 0 .. start + t; rows repeat per query head of a group.
    torch::Tensor mask;
    ForwardOptions inner = o;
    if (length > 1 && (o.cache || !causalAttentionApplies(m_dtype, m_device, m_config.headDim()))) {
        const int64_t keys = o.startPosition + length, groups = m_config.nHeads / m_config.nKvHeads;
        mask = torch::full({length, keys}, -std::numeric_limits<float>::infinity(),
                           torch::TensorOptions().dtype(x.scalar_type()).device(x.device()))
                   .triu(o.startPosition + 1)
                   .repeat({groups, 1});
        inner.causalMask = &mask;
    }
    const int layers = m_config.nLayers;
    for (int i = 0; i < layers; ++i) {
        auto h = x + attention(rmsNorm(x, m_weights.layers[size_t(i)].attnNorm), i, batch, length, inner);
        x = h + feedForward(rmsNorm(h, m_weights.layers[size_t(i)].ffnNorm), i, o.training);
        if (o.captureAt && i + 1 < layers) {
            captured.push_back(x.index_select(0, rows));
        }
    }
    x = rmsNorm(x, m_weights.norm);
    if (o.captureAt) {
        captured.push_back(x.index_select(0, rows));
        *o.features = torch::cat(captured, 1).to(torch::kFloat32);
    }
    if (o.cache) {
        o.cache->length = o.startPosition + length;
    }
    if (!o.computeLogits) {
        return {};
    }
    if (o.logitRows) { // only the rows whose next token carries a loss: the head is the largest matmul
        return torch::mm(x.index_select(0, *o.logitRows), m_weights.lmHead.t()).to(torch::kFloat32);
    }
    if (o.lastLogitsOnly) {
        x = x.view({batch, length, m_config.dim}).select(1, length - 1);
        return torch::mm(x, m_weights.lmHead.t()).to(torch::kFloat32).view({batch, 1, -1});
    }
    return torch::mm(x, m_weights.lmHead.t()).to(torch::kFloat32).view({batch, length, -1});
}

torch::Tensor responseLoss(const LlamaModel &model, const torch::Tensor &input, const torch::Tensor &target,
                           bool training) {
    const auto next = target.narrow(1, 1, target.size(1) - 1);
    const auto predicting = next.ne(EncodedSample::kIgnoreLabel).nonzero();
    const auto batchIndex = predicting.select(1, 0), position = predicting.select(1, 1);
    const auto rows = batchIndex * input.size(1) + position;
    ForwardOptions forward;
    forward.training = training;
    forward.logitRows = &rows;
    return torch::nn::functional::cross_entropy(model.forward(input, forward), next.index({batchIndex, position}));
}

} // namespace fp::engine::detail
