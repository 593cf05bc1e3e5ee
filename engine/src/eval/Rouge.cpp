#include "fedpilot/engine/Rouge.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <utility>

namespace fp::engine {
namespace {

bool isTokenChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

char asciiLower(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }

// Python's str.lower() maps exactly two non-ASCII characters to ASCII letters: KELVIN SIGN (U+212A) to "k" and
// LATIN CAPITAL LETTER I WITH DOT ABOVE (U+0130) to "i" + U+0307 (a combining dot, hence a separator after
// the "i"). rouge-score lowers before it drops non-[a-z0-9] characters, so these two become letters there;
// every other non-ASCII byte is a separator.
struct NonAsciiLower {
    char letter = 0;        // 0: a separator
    size_t length = 1;      // bytes consumed
    bool endsToken = false; // a separator follows the letter
};

NonAsciiLower lowerNonAscii(std::string_view text, size_t i) {
    if (text.substr(i, 3) == "\xE2\x84\xAA") {
        return {'k', 3, false};
    }
    if (text.substr(i, 2) == "\xC4\xB0") {
        return {'i', 2, true};
    }
    return {};
}

// Tokens as small integers (equal tokens, equal ids), so the LCS compares integers.
std::pair<std::vector<int>, std::vector<int>> internTokens(const std::vector<std::string> &a,
                                                           const std::vector<std::string> &b) {
    std::unordered_map<std::string_view, int> ids;
    auto intern = [&ids](const std::vector<std::string> &tokens) {
        std::vector<int> out;
        out.reserve(tokens.size());
        for (const auto &t : tokens) {
            out.push_back(ids.try_emplace(t, int(ids.size())).first->second);
        }
        return out;
    };
    auto ia = intern(a);
    auto ib = intern(b);
    return {std::move(ia), std::move(ib)};
}

// Length of the longest common subsequence: the classic DP, one row of the shorter sequence's length.
size_t lcsLength(const std::vector<int> &a, const std::vector<int> &b) {
    const std::vector<int> &outer = a.size() >= b.size() ? a : b;
    const std::vector<int> &inner = a.size() >= b.size() ? b : a;
    std::vector<size_t> row(inner.size() + 1, 0);
    for (int x : outer) {
        size_t diagonal = 0; // row[j - 1] of the previous outer step
        for (size_t j = 1; j <= inner.size(); ++j) {
            const size_t above = row[j];
            row[j] = x == inner[j - 1] ? diagonal + 1 : std::max(above, row[j - 1]);
            diagonal = above;
        }
    }
    return row[inner.size()];
}

} // namespace

std::vector<std::string> rougeTokens(std::string_view text) {
    std::vector<std::string> tokens;
    std::string current;
    auto flush = [&] {
        if (!current.empty()) {
            tokens.push_back(std::move(current));
            current.clear();
        }
    };
    for (size_t i = 0; i < text.size();) {
        if (static_cast<unsigned char>(text[i]) >= 0x80) {
            const NonAsciiLower lower = lowerNonAscii(text, i);
            if (lower.letter != 0) {
                current.push_back(lower.letter);
            }
            if (lower.letter == 0 || lower.endsToken) {
                flush();
            }
            i += lower.length;
            continue;
        }
        const char c = asciiLower(text[i++]);
        if (isTokenChar(c)) {
            current.push_back(c);
        } else {
            flush();
        }
    }
    flush();
    return tokens;
}

RougeScore rougeL(std::string_view prediction, std::string_view reference) {
    const auto predicted = rougeTokens(prediction);
    const auto expected = rougeTokens(reference);
    if (predicted.empty() || expected.empty()) {
        return {};
    }
    const auto [p, r] = internTokens(predicted, expected);
    const size_t lcs = lcsLength(p, r);
    if (lcs == 0) {
        return {};
    }
    RougeScore score;
    score.precision = double(lcs) / double(predicted.size());
    score.recall = double(lcs) / double(expected.size());
    score.fmeasure = 2.0 * score.precision * score.recall / (score.precision + score.recall);
    return score;
}

double rougeLBest(std::string_view prediction, const std::vector<std::string> &references) {
    double best = 0.0;
    for (const auto &reference : references) {
        best = std::max(best, rougeL(prediction, reference).fmeasure);
    }
    return best;
}

} // namespace fp::engine
