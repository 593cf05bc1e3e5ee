#pragma once

// The single-linkage hierarchy as R's hclust object holds it (R's hclustMergeOrder()).

#include "select/HdbscanPrim.h"

#include <array>
#include <vector>

namespace fp::engine::hdbscan_detail {

// merges[i] joins two groups at heights[i], heights ascending. An entry -(p + 1) is point p alone;
// an entry j > 0 is the group made by merges[j - 1] (R's 1-based convention, kept so that the
// code reads against R's). merges[i][0] holds the newly visited point's side of the path edge.
struct MergeTree {
    std::vector<std::array<int, 2>> merges;
    std::vector<double> heights;

    [[nodiscard]] int pointCount() const { return static_cast<int>(merges.size()) + 1; }
};

// Sorts the path edges (order[j+1], order[j], weights[j+1]) by weight, keeping path order among
// equal weights (R's order() is stable), then joins groups in that order. Requires >= 2 points.
[[nodiscard]] MergeTree mergeTreeFromPrimPath(const PrimPath &path);

} // namespace fp::engine::hdbscan_detail
