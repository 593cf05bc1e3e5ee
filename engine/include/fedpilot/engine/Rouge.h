#pragma once

#include <string>
#include <string_view>
#include <vector>

// Rouge-L in two definitions (docs/rouge.md):
//   - RougeVariant::RougeScore (default): Google's rouge-score package, rouge_scorer.RougeScorer(["rougeL"],
//     use_stemmer=False), the metric Natural Instructions reports;
//   - RougeVariant::Pltrdy: the `rouge` 1.0.1 package by pltrdy (`Rouge().get_scores(hyp, ref)[0]["rouge-l"]["f"]`),
//     the one the FedHDS reference code (zhenqincn/FedHDS, evaluations.py) computes its numbers with.
namespace fp::engine {

enum class RougeVariant {
    RougeScore, // lower-cased [a-z0-9] tokens, LCS over the whole text, F = 2PR / (P + R)
    Pltrdy,     // case-sensitive whitespace tokens, sentences split at '.', union-LCS over distinct words
};

struct RougeScore {
    double precision = 0.0;
    double recall = 0.0;
    double fmeasure = 0.0;
};

// rouge-score's default tokenizer: lower-case, every character outside [a-z0-9] becomes a space, split on
// whitespace. (Non-ASCII letters are separators, as in the package.)
[[nodiscard]] std::vector<std::string> rougeTokens(std::string_view text);

// The `rouge` 1.0.1 package's split of a text into sentences of words: the text is cut at every '.', empty
// pieces are dropped, each remaining piece is split at runs of (Unicode) whitespace. A piece of whitespace only
// is kept as one sentence holding one empty word, as the package does (it tests the length before it
// normalises the whitespace). Case and every other character are kept: "Cat," and "cat" are different words.
[[nodiscard]] std::vector<std::vector<std::string>> pltrdySentences(std::string_view text);

// RougeScore: longest common subsequence of the token lists: precision = lcs / |prediction|,
// recall = lcs / |reference|, F = 2PR / (P + R); all zero when either side has no tokens or nothing is shared.
//
// Pltrdy (rouge_score.rouge_l_summary_level with exclusive=True): for every reference sentence and every
// prediction sentence, one LCS of their words is reconstructed (the package's backtracking); u is the set of
// distinct words in the union of all those LCSs. recall = |u| / (distinct reference words), precision = |u| /
// (distinct prediction words), F = 2 * (P * R / (P + R + 1e-8)), so a perfect match scores 0.999999995, not 1.
// Where the package raises ValueError (no sentence on one side: an empty text or only '.'), the score is 0,
// which is what the reference code (evaluations.py) records; it also returns 0 for an empty prediction.
[[nodiscard]] RougeScore rougeL(std::string_view prediction, std::string_view reference,
                                RougeVariant variant = RougeVariant::RougeScore);

// The best F-measure over several references (Natural Instructions lists one or more outputs).
[[nodiscard]] double rougeLBest(std::string_view prediction, const std::vector<std::string> &references,
                                RougeVariant variant = RougeVariant::RougeScore);

} // namespace fp::engine
