#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace fp::ui {

// A run placed on an ROI chart: what it spent (x, lower is better) and what it reached (y, higher is better).
struct RoiPoint {
    double x = 0.0;
    double y = 0.0;
};

// The Pareto front of points where a lower x and a higher y are better: the indices of the points that no other
// point dominates (another point dominates p when its x <= p.x and its y >= p.y, one of them strictly).
// Equal points are all on the front. Points with a NaN or infinite coordinate are never on it and dominate none.
// Returns the indices ordered by x ascending (then y descending), so joining them draws the front left to right.
[[nodiscard]] std::vector<std::size_t> paretoFront(std::span<const RoiPoint> points);

} // namespace fp::ui
