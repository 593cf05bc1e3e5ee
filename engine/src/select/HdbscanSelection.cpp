#include "select/HdbscanSelection.h"

#include <cstddef>

namespace fp::engine::hdbscan_detail {

namespace {

// One cluster on the explicit depth-first stack (the tree can be as deep as n / minClusterSize).
struct Frame {
    int cluster = 0;
    std::size_t firstSelected = 0; // where this subtree's selections start in the result
    bool childrenDone = false;
};

} // namespace

// Selections made inside a subtree always form a suffix of the list when the subtree is finished,
// so replacing them with the subtree's root is a resize: R's list removal, in the same order.
std::vector<int> selectClusters(const HdbscanClusterTree &tree, bool allowSingleCluster) {
    const std::vector<ClusterNode> &clusters = tree.clusters();
    std::vector<double> score(clusters.size());
    std::vector<int> selected;
    std::vector<Frame> stack{Frame{}};
    while (!stack.empty()) {
        const Frame frame = stack.back();
        const ClusterNode &c = clusters[frame.cluster];
        if (c.left < 0) { // a leaf is selected until an ancestor proves more stable
            selected.push_back(frame.cluster);
            score[frame.cluster] = c.stability;
            stack.pop_back();
            continue;
        }
        if (!frame.childrenDone) {
            stack.back().childrenDone = true;
            stack.back().firstSelected = selected.size();
            stack.push_back(Frame{c.right, 0, false});
            stack.push_back(Frame{c.left, 0, false}); // R visits the left child first
            continue;
        }
        double childScores = 0.0; // R: sum() of the children's scores, left then right
        childScores += score[c.left];
        childScores += score[c.right];
        const bool keepChildren = c.stability < childScores; // false on NaN, as in R
        score[frame.cluster] = keepChildren ? childScores : c.stability;
        if (!keepChildren && (frame.cluster != 0 || allowSingleCluster)) {
            selected.resize(frame.firstSelected);
            selected.push_back(frame.cluster);
        }
        stack.pop_back();
    }
    if (!allowSingleCluster && selected.size() == 1 && selected[0] == 0)
        selected.clear(); // R lists a root that never split, then labels all its points noise
    return selected;
}

std::vector<int> labelPoints(const HdbscanClusterTree &tree, const std::vector<int> &selected) {
    const std::vector<ClusterNode> &clusters = tree.clusters();
    std::vector<int> labels(std::size_t(tree.pointCount()), -1);
    std::vector<int> pending;
    for (std::size_t label = 0; label < selected.size(); ++label) {
        pending.assign(1, selected[label]);
        while (!pending.empty()) {
            const ClusterNode &c = clusters[pending.back()];
            pending.pop_back();
            for (const int point : c.points)
                labels[point] = static_cast<int>(label);
            if (c.left >= 0) {
                pending.push_back(c.left);
                pending.push_back(c.right);
            }
        }
    }
    return labels;
}

} // namespace fp::engine::hdbscan_detail
