#pragma once

// Small Llama checkpoints for engine tests: a tiny config, deterministic random weights, and a writer
// for llama2.c's legacy and v1 layouts (the engine only reads them). Header-only, QtCore + engine.

#include "fedpilot/engine/ModelFiles.h"

#include <QByteArray>

#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <random>
#include <string>

namespace fp::test {

using engine::Checkpoint;
using engine::LlamaConfig;
using engine::RawTensor;

// Little-endian byte building for synthesized files.
class Bytes {
public:
    template <typename T> Bytes &put(T value) {
        m_data.append(reinterpret_cast<const char *>(&value), sizeof value);
        return *this;
    }
    Bytes &put(const RawTensor &t) {
        m_data.append(reinterpret_cast<const char *>(t.bytes.data()), static_cast<qsizetype>(t.bytes.size()));
        return *this;
    }
    Bytes &padTo(qsizetype size) {
        m_data.append(size - m_data.size(), '\0');
        return *this;
    }
    QByteArray data() const { return m_data; }

private:
    QByteArray m_data;
};

// bytes with the int32 at offset replaced (header surgery for malformed-file tests).
inline QByteArray withInt32At(QByteArray bytes, qsizetype offset, int32_t value) {
    std::memcpy(bytes.data() + offset, &value, 4);
    return bytes;
}

inline void writeFile(const std::string &path, const QByteArray &bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.constData(), bytes.size());
}

inline QByteArray readFile(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    return QByteArray::fromStdString(std::string(std::istreambuf_iterator<char>(in), {}));
}

// HF name of a per-layer tensor: layer(3, "mlp.up_proj.weight").
inline std::string layer(int i, const char *suffix) { return "model.layers." + std::to_string(i) + "." + suffix; }

// dim 16, hidden 24, 2 layers, 4 heads, 2 kv heads, vocab 32, 8 positions.
inline LlamaConfig tinyConfig(bool tied) {
    LlamaConfig c;
    c.dim = 16;
    c.hiddenDim = 24;
    c.nLayers = 2;
    c.nHeads = 4;
    c.nKvHeads = 2;
    c.vocabSize = 32;
    c.maxSeqLen = 8;
    c.tiedEmbeddings = tied;
    return c;
}

inline RawTensor randomTensor(std::vector<int64_t> shape, std::mt19937 &rng) {
    std::uniform_real_distribution<float> dist(-1.f, 1.f);
    int64_t n = 1;
    for (int64_t d : shape)
        n *= d;
    std::vector<float> values(static_cast<std::size_t>(n));
    for (float &v : values)
        v = dist(rng);
    return RawTensor::fromFloat32(std::move(shape), values.data());
}

// Every tensor of llamaTensorSpecs(config), uniform in [-1, 1), reproducible from seed.
inline Checkpoint randomCheckpoint(const LlamaConfig &config, unsigned seed) {
    std::mt19937 rng(seed);
    Checkpoint cp{config, {}, "random"};
    for (const engine::TensorSpec &spec : engine::llamaTensorSpecs(config))
        cp.tensors[spec.name] = randomTensor(spec.shape, rng);
    return cp;
}

// Writes a checkpoint (HF layout) back in llama2.c's layout: legacy (version 0) or v1.
inline QByteArray llama2cBytes(const Checkpoint &cp, int version) {
    const LlamaConfig &c = cp.config;
    engine::TensorMap t = cp.tensors;
    for (int i = 0; i < c.nLayers; ++i) {
        t[layer(i, "self_attn.q_proj.weight")] =
            *engine::permuteRopeHalvesToInterleaved(t[layer(i, "self_attn.q_proj.weight")], c.nHeads);
        t[layer(i, "self_attn.k_proj.weight")] =
            *engine::permuteRopeHalvesToInterleaved(t[layer(i, "self_attn.k_proj.weight")], c.nKvHeads);
    }
    Bytes out;
    auto layers = [&](const char *suffix) {
        for (int i = 0; i < c.nLayers; ++i)
            out.put(t.at(layer(i, suffix)));
    };
    const int32_t params[] = {c.dim, c.hiddenDim, c.nLayers, c.nHeads, c.nKvHeads, c.vocabSize, c.maxSeqLen};
    if (version == 1) {
        out.put(uint32_t{0x616b3432}).put(int32_t{1});
        for (int32_t p : params)
            out.put(p);
        out.put(uint8_t{c.tiedEmbeddings ? uint8_t{1} : uint8_t{0}}).padTo(256);
        for (const char *s : {"input_layernorm.weight", "post_attention_layernorm.weight"})
            layers(s);
        out.put(t.at("model.norm.weight")).put(t.at("model.embed_tokens.weight"));
        for (const char *s :
             {"self_attn.q_proj.weight", "self_attn.k_proj.weight", "self_attn.v_proj.weight",
              "self_attn.o_proj.weight", "mlp.gate_proj.weight", "mlp.down_proj.weight", "mlp.up_proj.weight"})
            layers(s);
    } else {
        for (int k = 0; k < 7; ++k)
            out.put(k == 5 && !c.tiedEmbeddings ? -params[k] : params[k]);
        out.put(t.at("model.embed_tokens.weight"));
        for (const char *s : {"input_layernorm.weight", "self_attn.q_proj.weight", "self_attn.k_proj.weight",
                              "self_attn.v_proj.weight", "self_attn.o_proj.weight", "post_attention_layernorm.weight",
                              "mlp.gate_proj.weight", "mlp.down_proj.weight", "mlp.up_proj.weight"})
            layers(s);
        out.put(t.at("model.norm.weight"));
        for (int k = 0; k < c.maxSeqLen * c.headDim(); ++k) // freq_cis real + imag: must be skipped
            out.put(std::cos(0.1f * static_cast<float>(k)));
    }
    if (!c.tiedEmbeddings)
        out.put(t.at("lm_head.weight"));
    return out.data();
}

// A safetensors file from a raw JSON header and data region (no padding, no validation).
inline QByteArray safetensorsBytes(const QByteArray &header, const QByteArray &data) {
    return Bytes().put(static_cast<uint64_t>(header.size())).data() + header + data;
}

} // namespace fp::test
