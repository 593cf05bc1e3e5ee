#include "fedpilot/engine/ModelFiles.h"

namespace fp::engine {

namespace {

// Upper bounds well above any real Llama, low enough that every derived byte count (layers x
// hidden x dim x 4 bytes, vocab x dim, seq x headDim) stays far inside int64.
struct Bound {
    const char *field;
    int value;
    int max;
};

Result<void> checkBounds(const LlamaConfig &c) {
    const Bound bounds[] = {
        {"dim", c.dim, 1 << 16},
        {"hidden_dim", c.hiddenDim, 1 << 20},
        {"n_layers", c.nLayers, 1 << 10},
        {"n_heads", c.nHeads, 1 << 12},
        {"n_kv_heads", c.nKvHeads, 1 << 12},
        {"vocab_size", c.vocabSize, 1 << 24},
        {"max_seq_len", c.maxSeqLen, 1 << 24},
    };
    for (const Bound &b : bounds) {
        if (b.value <= 0)
            return fail(ErrorCode::InvalidArgument,
                        std::string(b.field) + "=" + std::to_string(b.value) + ", expected a positive value");
        if (b.value > b.max)
            return fail(ErrorCode::InvalidArgument, std::string(b.field) + "=" + std::to_string(b.value) +
                                                        " exceeds the supported maximum " + std::to_string(b.max));
    }
    return {};
}

Result<void> checkTokenId(const char *field, int id, int vocabSize) {
    if (id < -1 || id >= vocabSize)
        return fail(ErrorCode::InvalidArgument,
                    std::string(field) + "=" + std::to_string(id) +
                        ", expected -1 (none) or a token below vocab_size=" + std::to_string(vocabSize));
    return {};
}

std::string layerName(int layer, const char *suffix) { return "model.layers." + std::to_string(layer) + "." + suffix; }

} // namespace

int LlamaConfig::headDim() const { return nHeads > 0 ? dim / nHeads : 0; }

int LlamaConfig::kvDim() const { return nKvHeads * headDim(); }

Result<void> LlamaConfig::validate() const {
    if (auto r = checkBounds(*this); !r)
        return r;
    const std::string dims =
        "dim=" + std::to_string(dim) + " n_heads=" + std::to_string(nHeads) + " n_kv_heads=" + std::to_string(nKvHeads);
    if (dim % nHeads != 0)
        return fail(ErrorCode::InvalidArgument, dims + ": dim must be a multiple of n_heads");
    if (nHeads % nKvHeads != 0)
        return fail(ErrorCode::InvalidArgument, dims + ": n_heads must be a multiple of n_kv_heads");
    if (headDim() % 2 != 0)
        return fail(ErrorCode::InvalidArgument,
                    dims + ": head size " + std::to_string(headDim()) + " must be even for RoPE");
    if (!(normEps > 0.f) || !(ropeTheta > 0.f))
        return fail(ErrorCode::InvalidArgument, "norm_eps=" + std::to_string(normEps) + " rope_theta=" +
                                                    std::to_string(ropeTheta) + ": both must be positive");
    if (auto r = checkTokenId("bos_token_id", bosId, vocabSize); !r)
        return r;
    return checkTokenId("eos_token_id", eosId, vocabSize);
}

std::vector<TensorSpec> llamaTensorSpecs(const LlamaConfig &c) {
    const int64_t d = c.dim, h = c.hiddenDim, kv = c.kvDim(), v = c.vocabSize;
    std::vector<TensorSpec> specs;
    specs.push_back({"model.embed_tokens.weight", {v, d}});
    for (int i = 0; i < c.nLayers; ++i) {
        specs.push_back({layerName(i, "input_layernorm.weight"), {d}});
        specs.push_back({layerName(i, "self_attn.q_proj.weight"), {d, d}});
        specs.push_back({layerName(i, "self_attn.k_proj.weight"), {kv, d}});
        specs.push_back({layerName(i, "self_attn.v_proj.weight"), {kv, d}});
        specs.push_back({layerName(i, "self_attn.o_proj.weight"), {d, d}});
        specs.push_back({layerName(i, "post_attention_layernorm.weight"), {d}});
        specs.push_back({layerName(i, "mlp.gate_proj.weight"), {h, d}});
        specs.push_back({layerName(i, "mlp.up_proj.weight"), {h, d}});
        specs.push_back({layerName(i, "mlp.down_proj.weight"), {d, h}});
    }
    specs.push_back({"model.norm.weight", {d}});
    if (!c.tiedEmbeddings)
        specs.push_back({"lm_head.weight", {v, d}});
    return specs;
}

} // namespace fp::engine
