// Row permutations between the two RoPE conventions for q_proj / k_proj weights.
//
// llama2.c and Meta's Llama rotate pairs (2i, 2i+1) of each head by angle theta_i; Hugging Face
// rotates (i, i + headDim/2) ("rotate_half"). A weight W [nHeads*headDim, in] viewed as
// [nHeads, headDim/2, 2, in] becomes the HF weight by swapping dims 1 and 2, i.e.
//   hf row (h, j, i) = interleaved row (h, i, j),  j in {0, 1}, i < headDim/2,
// which is the same permutation transformers' convert_llama_weights_to_hf.py applies.
// Attention scores are unchanged because q and k are reordered alike.

#include "fedpilot/engine/ModelFiles.h"

#include <cstring>

namespace fp::engine {

namespace {

enum class Direction { InterleavedToHalves, HalvesToInterleaved };

Result<void> checkPermutable(const RawTensor &w, int nHeads) {
    if (w.shape.size() != 2)
        return fail(ErrorCode::InvalidArgument,
                    "RoPE permutation needs a 2-D weight, got " + std::to_string(w.shape.size()) + " dimensions");
    if (!w.hasConsistentSize())
        return fail(ErrorCode::InvalidArgument, "RoPE permutation: byte count does not match dtype and shape");
    if (nHeads <= 0 || w.shape[0] % nHeads != 0)
        return fail(ErrorCode::InvalidArgument, "RoPE permutation: " + std::to_string(w.shape[0]) +
                                                    " rows are not divisible into " + std::to_string(nHeads) +
                                                    " heads");
    if ((w.shape[0] / nHeads) % 2 != 0)
        return fail(ErrorCode::InvalidArgument,
                    "RoPE permutation: head size " + std::to_string(w.shape[0] / nHeads) + " is odd");
    return {};
}

Result<RawTensor> permuteRows(const RawTensor &w, int nHeads, Direction direction) {
    if (auto r = checkPermutable(w, nHeads); !r)
        return std::unexpected(r.error());
    const int64_t headDim = w.shape[0] / nHeads;
    const int64_t half = headDim / 2;
    const std::size_t rowBytes = static_cast<std::size_t>(w.shape[1]) * dtypeSize(w.dtype);
    RawTensor out{w.dtype, w.shape, std::vector<std::byte>(w.bytes.size())};
    std::byte *outBytes = out.bytes.mutableData(); // owned: the permuted copy, never the mapped source
    for (int64_t h = 0; h < nHeads; ++h) {
        for (int64_t i = 0; i < half; ++i) {
            for (int64_t j = 0; j < 2; ++j) {
                const int64_t interleaved = h * headDim + 2 * i + j;
                const int64_t halves = h * headDim + j * half + i;
                const bool toHalves = direction == Direction::InterleavedToHalves;
                const int64_t src = toHalves ? interleaved : halves;
                const int64_t dst = toHalves ? halves : interleaved;
                if (rowBytes != 0)
                    std::memcpy(outBytes + dst * rowBytes, w.bytes.data() + src * rowBytes, rowBytes);
            }
        }
    }
    return out;
}

} // namespace

Result<RawTensor> permuteRopeInterleavedToHalves(const RawTensor &weight, int nHeads) {
    try {
        return permuteRows(weight, nHeads, Direction::InterleavedToHalves);
    } catch (const std::bad_alloc &) {
        return fail(ErrorCode::Runtime, "RoPE permutation: out of memory");
    }
}

Result<RawTensor> permuteRopeHalvesToInterleaved(const RawTensor &weight, int nHeads) {
    try {
        return permuteRows(weight, nHeads, Direction::HalvesToInterleaved);
    } catch (const std::bad_alloc &) {
        return fail(ErrorCode::Runtime, "RoPE permutation: out of memory");
    }
}

} // namespace fp::engine
