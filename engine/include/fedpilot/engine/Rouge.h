#pragma once

#include <string>
#include <string_view>
#include <vector>

// Rouge-L as Google's rouge-score package defines it (rouge_scorer.RougeScorer(["rougeL"],
// use_stemmer=False)), the metric the FedHDS paper and Natural Instructions report.
namespace fp::engine {

struct RougeScore {
    double precision = 0.0;
    double recall = 0.0;
    double fmeasure = 0.0;
};

// rouge-score's default tokenizer: lower-case, every character outside [a-z0-9] becomes a space, split on
// whitespace. (Non-ASCII letters are separators, as in the package.)
[[nodiscard]] std::vector<std::string> rougeTokens(std::string_view text);

// Longest common subsequence of the token lists: precision = lcs / |prediction|, recall = lcs / |reference|,
// F = 2PR / (P + R); all zero when either side has no tokens or nothing is shared.
[[nodiscard]] RougeScore rougeL(std::string_view prediction, std::string_view reference);

// The best F-measure over several references (Natural Instructions lists one or more outputs).
[[nodiscard]] double rougeLBest(std::string_view prediction, const std::vector<std::string> &references);

} // namespace fp::engine
