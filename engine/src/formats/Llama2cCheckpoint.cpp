// llama2.c checkpoints (https://github.com/karpathy/llama2.c, export.py):
//  legacy: 7 int32 (dim, hidden_dim, n_layers, n_heads, n_kv_heads, vocab_size, seq_len; a negative
//          vocab_size marks an untied classifier), then fp32 weights in llama2.c's run.c order,
//          including freq_cis tables we skip, and the classifier last when untied.
//  v1:     uint32 magic "ak42", int32 version 1, the same 7 int32, uint8 shared_classifier, zero
//          padding to 256 bytes, then fp32 weights grouped differently (norms first).
// Both store q/k in the interleaved RoPE layout; we convert to Hugging Face's on load.
// The file is mapped read-only: tensors are views into the mapping, except q/k, whose permuted copies replace them.

#include "FileIo.h"
#include "MappedFile.h"
#include "fedpilot/engine/ModelFiles.h"

#include <algorithm>
#include <climits>
#include <cstdint>

namespace fp::engine {

namespace {

constexpr std::uint32_t kV1Magic = 0x616b3432; // "ak42" read as little-endian uint32
constexpr std::uint64_t kLegacyHeaderBytes = 7 * 4;
constexpr std::uint64_t kV1HeaderBytes = 256;

struct Header {
    int version = 0; // 0: legacy
    LlamaConfig config;
    std::uint64_t bytes = 0;
};

// One stretch of fp32 weights in file order. perLayer: nLayers tensors named model.layers.{i}.<name>.
// An empty name marks bytes to skip (legacy freq_cis tables).
struct Block {
    std::string name;
    bool perLayer = false;
    std::vector<int64_t> shape;
};

std::vector<Block> layerBlocks(const LlamaConfig &c, std::initializer_list<const char *> names) {
    const int64_t d = c.dim, h = c.hiddenDim, kv = c.kvDim();
    std::vector<Block> blocks;
    for (std::string name : names) {
        std::vector<int64_t> shape{d, d};
        if (name.ends_with("layernorm.weight"))
            shape = {d};
        else if (name == "self_attn.k_proj.weight" || name == "self_attn.v_proj.weight")
            shape = {kv, d};
        else if (name == "mlp.gate_proj.weight" || name == "mlp.up_proj.weight")
            shape = {h, d};
        else if (name == "mlp.down_proj.weight")
            shape = {d, h};
        blocks.push_back({name, true, shape});
    }
    return blocks;
}

// llama2.c names -> HF: rms_att/attention_norm -> input_layernorm, rms_ffn/ffn_norm ->
// post_attention_layernorm, w1 -> gate_proj, w2 -> down_proj, w3 -> up_proj.
std::vector<Block> legacyLayout(const LlamaConfig &c) {
    const int64_t d = c.dim, v = c.vocabSize;
    std::vector<Block> blocks{{"model.embed_tokens.weight", false, {v, d}}};
    for (Block &b :
         layerBlocks(c, {"input_layernorm.weight", "self_attn.q_proj.weight", "self_attn.k_proj.weight",
                         "self_attn.v_proj.weight", "self_attn.o_proj.weight", "post_attention_layernorm.weight",
                         "mlp.gate_proj.weight", "mlp.down_proj.weight", "mlp.up_proj.weight"}))
        blocks.push_back(std::move(b));
    blocks.push_back({"model.norm.weight", false, {d}});
    blocks.push_back({"", false, {2, c.maxSeqLen, c.headDim() / 2}}); // freq_cis_real, freq_cis_imag
    if (!c.tiedEmbeddings)
        blocks.push_back({"lm_head.weight", false, {v, d}});
    return blocks;
}

std::vector<Block> v1Layout(const LlamaConfig &c) {
    const int64_t d = c.dim, v = c.vocabSize;
    std::vector<Block> blocks = layerBlocks(c, {"input_layernorm.weight", "post_attention_layernorm.weight"});
    blocks.push_back({"model.norm.weight", false, {d}});
    blocks.push_back({"model.embed_tokens.weight", false, {v, d}});
    for (Block &b : layerBlocks(c, {"self_attn.q_proj.weight", "self_attn.k_proj.weight", "self_attn.v_proj.weight",
                                    "self_attn.o_proj.weight", "mlp.gate_proj.weight", "mlp.down_proj.weight",
                                    "mlp.up_proj.weight"}))
        blocks.push_back(std::move(b));
    if (!c.tiedEmbeddings)
        blocks.push_back({"lm_head.weight", false, {v, d}});
    return blocks;
}

// Dims are bounded by LlamaConfig::validate, so this cannot overflow.
std::uint64_t blockBytes(const Block &b, int nLayers) {
    std::uint64_t n = 4;
    for (int64_t s : b.shape)
        n *= static_cast<std::uint64_t>(s);
    return b.perLayer ? n * static_cast<std::uint64_t>(nLayers) : n;
}

std::string describeHeader(const Header &h) {
    const LlamaConfig &c = h.config;
    return "header says dim=" + std::to_string(c.dim) + " hidden_dim=" + std::to_string(c.hiddenDim) +
           " n_layers=" + std::to_string(c.nLayers) + " n_heads=" + std::to_string(c.nHeads) +
           " n_kv_heads=" + std::to_string(c.nKvHeads) + " vocab_size=" + std::to_string(c.vocabSize) +
           " seq_len=" + std::to_string(c.maxSeqLen) +
           (c.tiedEmbeddings ? " (shared classifier)" : " (separate classifier)");
}

// The 7 int32 parameters both headers share. rawVocab keeps its sign for the legacy convention.
Result<LlamaConfig> readParams(detail::MappedCursor &file, int32_t &rawVocab) {
    int32_t p[7] = {};
    if (auto r = file.read(p, sizeof p); !r)
        return std::unexpected(r.error());
    rawVocab = p[5];
    LlamaConfig c;
    c.dim = p[0];
    c.hiddenDim = p[1];
    c.nLayers = p[2];
    c.nHeads = p[3];
    c.nKvHeads = p[4];
    c.vocabSize = static_cast<int>(std::min<int64_t>(INT_MAX, rawVocab < 0 ? -int64_t{rawVocab} : rawVocab));
    c.maxSeqLen = p[6];
    return c; // llama2.c's defaults: normEps 1e-5, ropeTheta 10000, bos 1, eos 2
}

Result<Header> readV1Header(detail::MappedCursor &file) {
    if (file.size() < kV1HeaderBytes)
        return fail(ErrorCode::BadFormat, file.describe() + ": v1 header (magic ak42) needs 256 bytes, file has " +
                                              std::to_string(file.size()));
    int32_t version = 0;
    if (auto r = file.read(&version, 4); !r)
        return std::unexpected(r.error());
    if (version != 1)
        return fail(ErrorCode::Unsupported, file.describe() + ": llama2.c format version " + std::to_string(version) +
                                                (version == 2 ? " (int8 quantized)" : "") +
                                                " is not supported, expected 1 (fp32) or legacy");
    Header h{1, {}, kV1HeaderBytes};
    int32_t rawVocab = 0;
    auto params = readParams(file, rawVocab);
    if (!params)
        return std::unexpected(params.error());
    h.config = *params;
    std::uint8_t shared = 0;
    if (auto r = file.read(&shared, 1); !r)
        return std::unexpected(r.error());
    if (shared > 1 || rawVocab < 0)
        return fail(ErrorCode::BadFormat,
                    file.describe() + ": v1 header has shared_classifier=" + std::to_string(shared) +
                        " vocab_size=" + std::to_string(rawVocab) + ", expected 0 or 1 and a positive vocabulary");
    h.config.tiedEmbeddings = shared == 1;
    return h;
}

Result<Header> readHeader(detail::MappedCursor &file) {
    if (file.size() < kLegacyHeaderBytes)
        return fail(ErrorCode::BadFormat, file.describe() + ": expected 7 int32 header fields, found a file of " +
                                              std::to_string(file.size()) + " bytes");
    std::uint32_t magic = 0;
    if (auto r = file.read(&magic, 4); !r)
        return std::unexpected(r.error());
    Header h;
    if (magic == kV1Magic) {
        auto v1 = readV1Header(file);
        if (!v1)
            return v1;
        h = *v1;
    } else {
        if (auto r = file.seek(0); !r)
            return std::unexpected(r.error());
        int32_t rawVocab = 0;
        auto params = readParams(file, rawVocab);
        if (!params)
            return std::unexpected(params.error());
        h = Header{0, *params, kLegacyHeaderBytes};
        h.config.tiedEmbeddings = rawVocab > 0;
    }
    if (auto r = h.config.validate(); !r)
        return fail(ErrorCode::BadFormat, file.describe() + ": " + describeHeader(h) + ": " + r.error().message);
    return h;
}

Result<void> checkFileSize(const detail::MappedCursor &file, const Header &h, const std::vector<Block> &layout) {
    std::uint64_t expected = 0;
    for (const Block &b : layout)
        expected += blockBytes(b, h.config.nLayers);
    const std::uint64_t actual = file.size() - h.bytes;
    if (actual == expected)
        return {};
    return fail(ErrorCode::BadFormat,
                file.describe() + ": " + describeHeader(h) + " -> expects " + std::to_string(expected) +
                    " bytes of weights, file has " + std::to_string(actual) +
                    (actual < expected ? " (truncated?)" : " (extra bytes, or a different layout)"));
}

// A view of the next tensor in the mapping (its size was checked against the file by checkFileSize).
Result<RawTensor> takeF32(detail::MappedCursor &file, const std::vector<int64_t> &shape) {
    RawTensor t{DType::F32, shape, {}};
    const auto n = static_cast<std::size_t>(t.numel()) * 4;
    auto at = file.take(n);
    if (!at)
        return std::unexpected(at.error());
    t.bytes = TensorBytes::view(file.file(), *at, n);
    return t;
}

Result<TensorMap> readBlocks(detail::MappedCursor &file, const std::vector<Block> &layout, int nLayers) {
    TensorMap tensors;
    for (const Block &b : layout) {
        if (b.name.empty()) {
            if (auto r = file.skip(blockBytes(b, nLayers)); !r)
                return std::unexpected(r.error());
            continue;
        }
        for (int i = 0; i < (b.perLayer ? nLayers : 1); ++i) {
            auto t = takeF32(file, b.shape);
            if (!t)
                return std::unexpected(t.error());
            const std::string name = b.perLayer ? "model.layers." + std::to_string(i) + "." + b.name : b.name;
            tensors.emplace(name, std::move(*t));
        }
    }
    return tensors;
}

Result<void> convertRopeLayout(TensorMap &tensors, const LlamaConfig &c) {
    for (int i = 0; i < c.nLayers; ++i) {
        const std::string prefix = "model.layers." + std::to_string(i) + ".self_attn.";
        for (auto [proj, heads] : {std::pair{"q_proj.weight", c.nHeads}, std::pair{"k_proj.weight", c.nKvHeads}}) {
            RawTensor &w = tensors.at(prefix + proj);
            auto permuted = permuteRopeInterleavedToHalves(w, heads);
            if (!permuted)
                return std::unexpected(permuted.error().withContext(prefix + proj));
            w.bytes.releasePages(); // the permuted copy replaces the mapped rows
            w = std::move(*permuted);
        }
    }
    return {};
}

Result<Checkpoint> loadUnguarded(const std::string &path) {
    auto mapped = detail::MappedFile::open(path, "model file");
    if (!mapped)
        return std::unexpected(mapped.error());
    detail::MappedCursor file(*mapped);
    auto header = readHeader(file);
    if (!header)
        return std::unexpected(header.error());
    const auto layout = header->version == 0 ? legacyLayout(header->config) : v1Layout(header->config);
    if (auto r = checkFileSize(file, *header, layout); !r)
        return std::unexpected(r.error());
    if (auto r = file.seek(header->bytes); !r)
        return std::unexpected(r.error());
    auto tensors = readBlocks(file, layout, header->config.nLayers);
    if (!tensors)
        return std::unexpected(tensors.error());
    if (auto r = convertRopeLayout(*tensors, header->config); !r)
        return std::unexpected(r.error().withContext(file.describe()));
    const char *kind = header->version == 0 ? "legacy" : "v1";
    return Checkpoint{header->config, std::move(*tensors), std::string("llama2.c ") + kind + " checkpoint " + path};
}

} // namespace

Result<Checkpoint> loadLlama2cCheckpoint(const std::string &path) {
    return detail::catchAtBoundary("model file " + path, [&] { return loadUnguarded(path); });
}

} // namespace fp::engine
