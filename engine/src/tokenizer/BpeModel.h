#pragma once

// Byte-pair merging: repeatedly merge the adjacent pair of symbols with the best rank (ties: the
// leftmost pair) until no pair has a rule. A priority queue over a linked list of symbols makes
// it O(n log n) for n initial symbols, instead of the O(n^2) rescans of llama2.c.

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace fp::engine::detail {

struct MergeRule {
    double rank = 0; // lower merges first: the merge-list index, or minus the merged piece's score
    int result = -1; // id of the merged piece
};

struct MergeEntry {
    int left = -1;
    int right = -1;
    MergeRule rule;
};

class BpeModel {
public:
    // Adds or replaces the rule for the pair (left, right).
    void addMerge(int left, int right, MergeRule rule);
    [[nodiscard]] const MergeRule *findMerge(int left, int right) const;
    [[nodiscard]] std::size_t mergeCount() const { return m_rules.size(); }
    // Every rule, ordered by rank, then result id, then left and right id.
    [[nodiscard]] std::vector<MergeEntry> mergesByRank() const;

    // Merges the symbols (token ids, in text order) and appends the resulting ids to out.
    void merge(const std::vector<int> &symbols, std::vector<int> &out) const;

private:
    static std::uint64_t key(int left, int right) {
        return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(left)) << 32) | static_cast<std::uint32_t>(right);
    }

    std::unordered_map<std::uint64_t, MergeRule> m_rules;
};

} // namespace fp::engine::detail
