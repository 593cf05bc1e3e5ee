#pragma once

#include <cstdint>
#include <vector>

// How the centers of a client's groups travel to the server (site.proto, CenterSet): every coordinate as a signed
// 8-bit code of one scale shared by all of the client's centers, value = code * scale / 127. The scale is the
// largest |coordinate|, so a coordinate comes back within scale / 254 of what the client computed (half a step).
// The site messages and the in-process selection (selectCoreset) both go through this, so the server clusters
// the same quantised values whichever way a round runs.
namespace fp::engine {

inline constexpr int kCenterCodeMax = 127; // codes are in [-127, 127]; -128 is not used (symmetric range)

struct CenterCodes {
    uint32_t dims = 0;         // coordinates per center: the first center's count
    float scale = 0.0f;        // largest |coordinate|; NaN when a coordinate is not finite (the decoder rejects it)
    std::vector<int8_t> codes; // every center's codes in order (center i: codes[i * dims, (i + 1) * dims))
};

// Quantises centers. Centers of different lengths are packed as they are (their codes then do not add up to
// centers x dims, which the decoder rejects); all-zero centers give scale 0 and zero codes.
CenterCodes quantiseCenters(const std::vector<std::vector<float>> &centers);

// The value a code stands for (the same arithmetic on every machine: float of code * scale / 127 in double).
[[nodiscard]] float centerValue(int8_t code, float scale);

// The centers as the server receives them: quantised, then decoded (centers of one length only).
std::vector<std::vector<float>> quantisedCenters(const std::vector<std::vector<float>> &centers);

} // namespace fp::engine
