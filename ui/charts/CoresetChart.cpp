#include "charts/CoresetChart.h"

#include <QChart>
#include <QLegendMarker>
#include <QPen>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace fp::ui {
namespace {

// Distinct, colour-blind friendly hues (Tableau 10 without its grey), cycled when a client has more groups.
const QColor kGroupColours[] = {QColor(0x4e, 0x79, 0xa7), QColor(0xf2, 0x8e, 0x2b), QColor(0xe1, 0x57, 0x59),
                                QColor(0x76, 0xb7, 0xb2), QColor(0x59, 0xa1, 0x4f), QColor(0xed, 0xc9, 0x48),
                                QColor(0xb0, 0x7a, 0xa1), QColor(0xff, 0x9d, 0xa7), QColor(0x9c, 0x75, 0x5f)};
const QColor kNoise(0xb8, 0xb8, 0xb8);
const QColor kRing(0x20, 0x20, 0x20);
constexpr int kMaxGroupsInLegend = 4; // beyond, the legend would crowd the chart: the colours speak for themselves

void styleRing(QScatterSeries *series, qreal size) {
    series->setMarkerSize(size);
    series->setColor(Qt::transparent);
    series->setBorderColor(kRing);
    QPen pen(kRing);
    pen.setWidthF(2.0);
    series->setPen(pen);
}

} // namespace

CoresetChart::CoresetChart(QChart *chart, QObject *parent) : QObject(parent), m_chart(chart) {
    m_chart->legend()->setAlignment(Qt::AlignBottom);
}

void CoresetChart::showMap(std::vector<engine::MapPoint> points) {
    m_points = std::move(points);
    m_centers.clear();
    m_mode = Mode::Map;
    rebuild();
}

void CoresetChart::showCenters(std::vector<engine::SentCenter> centers) {
    m_centers = std::move(centers);
    m_points.clear();
    m_mode = Mode::Centers;
    rebuild();
}

void CoresetChart::clear() {
    m_points.clear();
    m_centers.clear();
    m_mode = Mode::None;
    rebuild();
}

void CoresetChart::retranslate() { rebuild(); }

void CoresetChart::rebuild() {
    m_chart->removeAllSeries();
    for (auto *axis : m_chart->axes()) {
        m_chart->removeAxis(axis);
        delete axis;
    }
    m_indices.clear();
    if (m_mode == Mode::Map) {
        drawMap();
    } else if (m_mode == Mode::Centers) {
        drawCenters();
    }
}

QScatterSeries *CoresetChart::addSeries(const QString &objectName, const QString &name, const QList<int> &indices,
                                        const QList<QPointF> &points) {
    auto *series = new QScatterSeries(m_chart);
    series->setObjectName(objectName);
    series->setName(name);
    series->append(points);
    m_chart->addSeries(series);
    m_indices.insert(series, indices);
    connect(series, &QScatterSeries::hovered, this, [this, series](const QPointF &point, bool state) {
        const QList<QPointF> all = series->points();
        const QList<int> &indices = m_indices[series];
        for (qsizetype i = 0; i < all.size() && i < indices.size(); ++i) {
            if (all[i] == point) {
                Q_EMIT pointHovered(indices[i], state);
                return;
            }
        }
    });
    return series;
}

void CoresetChart::drawMap() {
    std::map<int, std::pair<QList<int>, QList<QPointF>>> groups; // by group id; -1 is noise
    QList<int> selected;
    QList<QPointF> selectedPoints;
    for (size_t i = 0; i < m_points.size(); ++i) {
        const auto &p = m_points[i];
        auto &[indices, points] = groups[std::max(p.group, -1)];
        indices << int(i);
        points << QPointF(p.x, p.y);
        if (p.selected) {
            selected << int(i);
            selectedPoints << QPointF(p.x, p.y);
        }
    }
    if (auto noise = groups.find(-1); noise != groups.end()) {
        auto *series = addSeries(QStringLiteral("coreset.noise"),
                                 tr("Noise (%n sample(s))", nullptr, int(noise->second.first.size())),
                                 noise->second.first, noise->second.second);
        series->setColor(kNoise);
        series->setBorderColor(kNoise);
        series->setMarkerSize(7);
    }
    int colour = 0;
    const int groupCount = int(groups.size()) - (groups.count(-1) ? 1 : 0);
    for (const auto &[id, members] : groups) {
        if (id < 0) {
            continue;
        }
        auto *series = addSeries(QStringLiteral("coreset.group.%1").arg(id),
                                 tr("Group %1 (%n sample(s))", nullptr, int(members.first.size())).arg(id),
                                 members.first, members.second);
        const QColor c = kGroupColours[colour++ % std::size(kGroupColours)];
        series->setColor(c);
        series->setBorderColor(c.darker(130));
        series->setMarkerSize(9);
        for (auto *marker : m_chart->legend()->markers(series)) {
            marker->setVisible(groupCount <= kMaxGroupsInLegend);
        }
    }
    auto *rings = addSeries(QStringLiteral("coreset.selected"),
                            tr("Selected for training (%n)", nullptr, int(selected.size())), selected, selectedPoints);
    styleRing(rings, 17);
    setAxes(tr("t-SNE 1"), tr("t-SNE 2"));
}

void CoresetChart::drawCenters() {
    QList<int> all, chosen;
    QList<QPointF> allPoints, chosenPoints;
    size_t dims = 0;
    for (size_t i = 0; i < m_centers.size(); ++i) {
        const auto &c = m_centers[i];
        dims = std::max(dims, c.coordinates.size());
        const QPointF point(c.coordinates.empty() ? 0.0 : c.coordinates[0],
                            c.coordinates.size() < 2 ? 0.0 : c.coordinates[1]);
        all << int(i);
        allPoints << point;
        if (c.chosen) {
            chosen << int(i);
            chosenPoints << point;
        }
    }
    auto *centers = addSeries(QStringLiteral("coreset.centers"),
                              tr("Group centers sent (%n)", nullptr, int(all.size())), all, allPoints);
    centers->setColor(kGroupColours[0]);
    centers->setBorderColor(kGroupColours[0].darker(130));
    centers->setMarkerSize(11);
    auto *rings = addSeries(QStringLiteral("coreset.chosen"),
                            tr("Chosen by the coordinator (%n)", nullptr, int(chosen.size())), chosen, chosenPoints);
    styleRing(rings, 19);
    if (dims <= 2) {
        setAxes(tr("t-SNE 1 (the client's map)"), tr("t-SNE 2 (the client's map)"));
    } else {
        setAxes(tr("Projected coordinate 1 of %1").arg(dims), tr("Projected coordinate 2 of %1").arg(dims));
    }
}

void CoresetChart::setAxes(const QString &xTitle, const QString &yTitle) {
    double minX = std::numeric_limits<double>::infinity(), maxX = -minX, minY = minX, maxY = -minX;
    for (const auto *series : m_chart->series()) {
        for (const QPointF &p : static_cast<const QXYSeries *>(series)->points()) {
            minX = std::min(minX, p.x());
            maxX = std::max(maxX, p.x());
            minY = std::min(minY, p.y());
            maxY = std::max(maxY, p.y());
        }
    }
    if (!std::isfinite(minX)) {
        minX = minY = -1.0;
        maxX = maxY = 1.0;
    }
    // A margin, so that the rings at the edge are drawn whole.
    const double padX = std::max(0.06 * (maxX - minX), 1e-3), padY = std::max(0.06 * (maxY - minY), 1e-3);
    auto *x = new QValueAxis(m_chart);
    auto *y = new QValueAxis(m_chart);
    x->setTitleText(xTitle);
    y->setTitleText(yTitle);
    x->setRange(minX - padX, maxX + padX);
    y->setRange(minY - padY, maxY + padY);
    x->applyNiceNumbers();
    y->applyNiceNumbers();
    m_chart->addAxis(x, Qt::AlignBottom);
    m_chart->addAxis(y, Qt::AlignLeft);
    for (auto *series : m_chart->series()) {
        series->attachAxis(x);
        series->attachAxis(y);
    }
}

} // namespace fp::ui
