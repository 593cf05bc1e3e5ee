#include "fedpilot/engine/Rouge.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>
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

// --- the `rouge` 1.0.1 package (pltrdy) ---

// Bytes of the character at text[i] when Python's str.isspace() holds for it, else 0: ASCII \t \n \v \f \r,
// space and \x1c-\x1f, and (UTF-8) U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F,
// U+3000. str.split() with no argument splits at runs of exactly these.
size_t pythonSpaceLength(std::string_view text, size_t i) {
    const auto byte = [&](size_t k) { return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0u; };
    const unsigned c = byte(0);
    if (c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F))
        return 1;
    if (c == 0xC2 && (byte(1) == 0x85 || byte(1) == 0xA0))
        return 2;
    if (c == 0xE1 && byte(1) == 0x9A && byte(2) == 0x80)
        return 3; // U+1680
    if (c == 0xE2 && byte(1) == 0x80) {
        const unsigned t = byte(2);
        if ((t >= 0x80 && t <= 0x8A) || t == 0xA8 || t == 0xA9 || t == 0xAF)
            return 3; // U+2000-U+200A, U+2028, U+2029, U+202F
    }
    if (c == 0xE2 && byte(1) == 0x81 && byte(2) == 0x9F)
        return 3; // U+205F
    if (c == 0xE3 && byte(1) == 0x80 && byte(2) == 0x80)
        return 3; // U+3000
    return 0;
}

// Python's piece.split(): the words between runs of whitespace.
std::vector<std::string> splitOnPythonSpace(std::string_view piece) {
    std::vector<std::string> words;
    std::string current;
    for (size_t i = 0; i < piece.size();) {
        if (const size_t space = pythonSpaceLength(piece, i); space > 0) {
            if (!current.empty())
                words.push_back(std::move(current));
            current.clear();
            i += space;
            continue;
        }
        current.push_back(piece[i++]);
    }
    if (!current.empty())
        words.push_back(std::move(current));
    return words;
}

// The package's _recon_lcs(x, y): the classic LCS table, then one LCS read back from the end, taking a match
// when the words are equal, else stepping in x when table[i-1][j] > table[i][j-1] strictly, else in y.
std::vector<std::string> reconstructLcs(const std::vector<std::string> &x, const std::vector<std::string> &y) {
    const size_t n = x.size(), m = y.size();
    std::vector<uint32_t> table((n + 1) * (m + 1), 0);
    const auto at = [&](size_t i, size_t j) -> uint32_t & { return table[i * (m + 1) + j]; };
    for (size_t i = 1; i <= n; ++i)
        for (size_t j = 1; j <= m; ++j)
            at(i, j) = x[i - 1] == y[j - 1] ? at(i - 1, j - 1) + 1 : std::max(at(i - 1, j), at(i, j - 1));
    std::vector<std::string> lcs;
    for (size_t i = n, j = m; i > 0 && j > 0;) {
        if (x[i - 1] == y[j - 1]) {
            lcs.push_back(x[i - 1]);
            --i;
            --j;
        } else if (at(i - 1, j) > at(i, j - 1)) {
            --i;
        } else {
            --j;
        }
    }
    return lcs; // reversed; only the set of its words matters
}

size_t distinctWords(const std::vector<std::vector<std::string>> &sentences) {
    std::unordered_set<std::string> words;
    for (const auto &sentence : sentences)
        words.insert(sentence.begin(), sentence.end());
    return words.size();
}

// rouge_score.rouge_l_summary_level(hyp, ref, exclusive=True), zero where the package raises ValueError.
RougeScore pltrdyRougeL(std::string_view prediction, std::string_view reference) {
    const auto hypothesis = pltrdySentences(prediction);
    const auto references = pltrdySentences(reference);
    if (hypothesis.empty() || references.empty())
        return {};
    std::unordered_set<std::string> lcsUnion;
    for (const auto &referenceSentence : references) {
        for (const auto &hypothesisSentence : hypothesis) {
            for (auto &word : reconstructLcs(referenceSentence, hypothesisSentence))
                lcsUnion.insert(std::move(word));
        }
    }
    const double llcs = double(lcsUnion.size());
    RougeScore score;
    score.recall = llcs / double(distinctWords(references));
    score.precision = llcs / double(distinctWords(hypothesis));
    // Python: 2.0 * ((p_lcs * r_lcs) / (p_lcs + r_lcs + 1e-8)), evaluated in this order.
    score.fmeasure = 2.0 * ((score.precision * score.recall) / (score.precision + score.recall + 1e-8));
    return score;
}

} // namespace

std::vector<std::vector<std::string>> pltrdySentences(std::string_view text) {
    std::vector<std::vector<std::string>> sentences;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t dot = std::min(text.find('.', start), text.size());
        const std::string_view piece = text.substr(start, dot - start);
        if (!piece.empty()) {
            auto words = splitOnPythonSpace(piece);
            if (words.empty())
                words.emplace_back(); // " ".join([]) == "", and "".split(" ") == [""]
            sentences.push_back(std::move(words));
        }
        start = dot + 1;
    }
    return sentences;
}

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

namespace {

// rouge-score's Rouge-L.
RougeScore rougeScoreRougeL(std::string_view prediction, std::string_view reference) {
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

} // namespace

RougeScore rougeL(std::string_view prediction, std::string_view reference, RougeVariant variant) {
    return variant == RougeVariant::Pltrdy ? pltrdyRougeL(prediction, reference)
                                           : rougeScoreRougeL(prediction, reference);
}

double rougeLBest(std::string_view prediction, const std::vector<std::string> &references, RougeVariant variant) {
    double best = 0.0;
    for (const auto &reference : references) {
        best = std::max(best, rougeL(prediction, reference, variant).fmeasure);
    }
    return best;
}

} // namespace fp::engine
