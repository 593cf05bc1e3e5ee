#include "models/Pareto.h"

#include <algorithm>
#include <cmath>

namespace fp::ui {

std::vector<std::size_t> paretoFront(std::span<const RoiPoint> points) {
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (std::isfinite(points[i].x) && std::isfinite(points[i].y)) {
            order.push_back(i);
        }
    }
    std::ranges::stable_sort(order, [&](std::size_t a, std::size_t b) {
        return points[a].x != points[b].x ? points[a].x < points[b].x : points[a].y > points[b].y;
    });
    // Sweeping by x ascending, a point is on the front unless an earlier (cheaper or as cheap) point reached more,
    // or reached as much while strictly cheaper.
    std::vector<std::size_t> front;
    for (const std::size_t i : order) {
        if (front.empty()) {
            front.push_back(i);
            continue;
        }
        const RoiPoint &best = points[front.back()];
        const RoiPoint &p = points[i];
        const bool equal = p.x == best.x && p.y == best.y;
        if (equal || p.y > best.y) {
            front.push_back(i);
        }
    }
    return front;
}

} // namespace fp::ui
