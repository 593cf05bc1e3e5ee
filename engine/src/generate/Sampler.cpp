#include "generate/Sampler.h"

#include <algorithm>
#include <cmath>

namespace fp::engine::detail {

int Sampler::next(const float *logits, int vocab) {
    if (m_options.temperature <= 0.f) {
        return int(std::max_element(logits, logits + vocab) - logits);
    }
    const float top = *std::max_element(logits, logits + vocab);
    m_candidates.clear();
    double total = 0.0;
    for (int i = 0; i < vocab; ++i) {
        const float p = std::exp((logits[i] - top) / m_options.temperature);
        m_candidates.emplace_back(p, i);
        total += p;
    }
    std::sort(m_candidates.begin(), m_candidates.end(), [](const auto &a, const auto &b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    // Nucleus: keep the most likely tokens until their mass reaches topP.
    double kept = 0.0;
    size_t count = 0;
    while (count < m_candidates.size() && (count == 0 || kept < m_options.topP * total)) {
        kept += m_candidates[count++].first;
    }
    std::uniform_real_distribution<double> uniform(0.0, kept);
    double r = uniform(m_rng);
    for (size_t i = 0; i < count; ++i) {
        r -= m_candidates[i].first;
        if (r <= 0.0) {
            return m_candidates[i].second;
        }
    }
    return m_candidates[count - 1].second;
}

} // namespace fp::engine::detail
