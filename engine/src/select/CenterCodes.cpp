#include "fedpilot/engine/CenterCodes.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace fp::engine {

CenterCodes quantiseCenters(const std::vector<std::vector<float>> &centers) {
    CenterCodes out;
    if (centers.empty()) {
        return out;
    }
    out.dims = uint32_t(centers.front().size());
    bool finite = true;
    for (const auto &center : centers) {
        for (float v : center) {
            finite = finite && std::isfinite(v);
            out.scale = std::max(out.scale, std::abs(v));
        }
    }
    if (!finite) {
        out.scale = std::numeric_limits<float>::quiet_NaN();
    }
    for (const auto &center : centers) {
        for (float v : center) {
            long code = 0;
            if (finite && out.scale > 0.0f) {
                code = std::lround(double(v) * kCenterCodeMax / double(out.scale));
            }
            out.codes.push_back(int8_t(std::clamp(code, long(-kCenterCodeMax), long(kCenterCodeMax))));
        }
    }
    return out;
}

float centerValue(int8_t code, float scale) { return float(double(code) * double(scale) / kCenterCodeMax); }

std::vector<std::vector<float>> quantisedCenters(const std::vector<std::vector<float>> &centers) {
    const auto packed = quantiseCenters(centers);
    std::vector<std::vector<float>> out;
    for (size_t i = 0; i + packed.dims <= packed.codes.size() && packed.dims > 0; i += packed.dims) {
        std::vector<float> center;
        for (size_t k = 0; k < packed.dims; ++k) {
            center.push_back(centerValue(packed.codes[i + k], packed.scale));
        }
        out.push_back(std::move(center));
    }
    return out;
}

} // namespace fp::engine
