#include "BpeModel.h"

#include <algorithm>
#include <queue>
#include <tuple>

namespace fp::engine::detail {

namespace {

struct Symbol {
    int id;   // -1 once merged into its left neighbour
    int prev; // index of the previous live symbol, or -1
    int next; // index of the next live symbol, or -1
};

// A candidate merge of symbols[left] with its right neighbour, valid while both still hold the ids
// seen when it was queued (a merged symbol gets a longer piece, hence a new id).
struct Candidate {
    double rank;
    int left;
    int leftId;
    int rightId;
    int result;
};

struct WorseCandidate {
    bool operator()(const Candidate &a, const Candidate &b) const {
        return a.rank != b.rank ? a.rank > b.rank : a.left > b.left;
    }
};

using CandidateQueue = std::priority_queue<Candidate, std::vector<Candidate>, WorseCandidate>;

} // namespace

void BpeModel::addMerge(int left, int right, MergeRule rule) { m_rules[key(left, right)] = rule; }

const MergeRule *BpeModel::findMerge(int left, int right) const {
    const auto it = m_rules.find(key(left, right));
    return it == m_rules.end() ? nullptr : &it->second;
}

std::vector<MergeEntry> BpeModel::mergesByRank() const {
    std::vector<MergeEntry> entries;
    entries.reserve(m_rules.size());
    for (const auto &[pair, rule] : m_rules)
        entries.push_back({static_cast<int>(pair >> 32), static_cast<int>(pair & 0xFFFFFFFFu), rule});
    std::sort(entries.begin(), entries.end(), [](const MergeEntry &a, const MergeEntry &b) {
        return std::tie(a.rule.rank, a.rule.result, a.left, a.right) <
               std::tie(b.rule.rank, b.rule.result, b.left, b.right);
    });
    return entries;
}

void BpeModel::merge(const std::vector<int> &symbols, std::vector<int> &out) const {
    if (symbols.size() < 2 || m_rules.empty()) {
        out.insert(out.end(), symbols.begin(), symbols.end());
        return;
    }
    const int count = static_cast<int>(symbols.size());
    std::vector<Symbol> list(symbols.size());
    for (int i = 0; i < count; ++i)
        list[static_cast<std::size_t>(i)] = {symbols[static_cast<std::size_t>(i)], i - 1, i + 1 < count ? i + 1 : -1};

    CandidateQueue queue;
    auto consider = [&](int left) {
        if (left < 0)
            return;
        const Symbol &l = list[static_cast<std::size_t>(left)];
        if (l.next < 0)
            return;
        const int rightId = list[static_cast<std::size_t>(l.next)].id;
        if (const MergeRule *rule = findMerge(l.id, rightId))
            queue.push({rule->rank, left, l.id, rightId, rule->result});
    };
    for (int i = 0; i + 1 < count; ++i)
        consider(i);

    while (!queue.empty()) {
        const Candidate top = queue.top();
        queue.pop();
        Symbol &l = list[static_cast<std::size_t>(top.left)];
        if (l.id != top.leftId || l.next < 0)
            continue;
        Symbol &r = list[static_cast<std::size_t>(l.next)];
        if (r.id != top.rightId)
            continue;
        l.id = top.result;
        l.next = r.next;
        if (r.next >= 0)
            list[static_cast<std::size_t>(r.next)].prev = top.left;
        r.id = -1;
        consider(l.prev);
        consider(top.left);
    }
    for (int i = 0; i >= 0; i = list[static_cast<std::size_t>(i)].next)
        out.push_back(list[static_cast<std::size_t>(i)].id);
}

} // namespace fp::engine::detail
