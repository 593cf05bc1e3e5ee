#pragma once
// Engine-private: seeded random draws that are the same on every machine and standard library.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

namespace fp::engine::detail {

// std::*_distribution differ between standard libraries, so these draws use only
// the raw 64-bit engine output (fully specified by the standard) and computes its own distributions.
class PortableRandom {
public:
    explicit PortableRandom(uint64_t seed) : m_engine(seed) {}
    double uniform() { return double(m_engine() >> 11) * 0x1.0p-53; } // [0, 1)
    size_t below(size_t n) { return size_t(uniform() * double(n)); }
    // Marsaglia-Tsang gamma(shape, 1); shape < 1 via the boost u^(1/shape).
    double gamma(double shape) {
        if (shape < 1.0) {
            return gamma(shape + 1.0) * std::pow(std::max(uniform(), 1e-300), 1.0 / shape);
        }
        const double d = shape - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * d);
        for (;;) {
            double x = normal(), v = 1.0 + c * x;
            if (v <= 0.0) {
                continue;
            }
            v = v * v * v;
            const double u = uniform();
            if (std::log(std::max(u, 1e-300)) < 0.5 * x * x + d - d * v + d * std::log(v)) {
                return d * v;
            }
        }
    }
    template <typename T> void shuffle(std::vector<T> &items) {
        for (size_t i = items.size(); i > 1; --i) {
            std::swap(items[i - 1], items[below(i)]);
        }
    }

    double normal() { // Box-Muller, N(0, 1)
        const double u1 = std::max(uniform(), 1e-300), u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * 3.14159265358979323846 * u2);
    }

private:
    std::mt19937_64 m_engine;
};

} // namespace fp::engine::detail
