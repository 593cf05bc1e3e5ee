#pragma once

#include "fedpilot/engine/RunRecords.h"

#include <QHash>
#include <QList>
#include <QObject>

#include <vector>

class QChart;
class QScatterSeries;
class QXYSeries;

namespace fp::ui {

// The coreset inspector's scatter on a QChart. A client's map: one series per group (its own colour), noise in grey,
// and the selected samples ringed on top. Only the centers a client sent (a remote site): the centers, the chosen
// ones ringed. Hovering a point reports its index in what was shown.
class CoresetChart : public QObject {
    Q_OBJECT
public:
    // Series object names, for tests: "coreset.group.<id>", "coreset.noise", "coreset.selected", "coreset.centers",
    // "coreset.chosen".
    explicit CoresetChart(QChart *chart, QObject *parent = nullptr);

    void showMap(std::vector<engine::MapPoint> points);
    void showCenters(std::vector<engine::SentCenter> centers);
    void clear();
    // Draws what is shown again, in the current language (series names, axis titles).
    void retranslate();

    [[nodiscard]] QChart *chart() const { return m_chart; }
    [[nodiscard]] bool showsMap() const { return m_mode == Mode::Map; }

Q_SIGNALS:
    // index: into the points of showMap or the centers of showCenters; state false when the pointer leaves.
    void pointHovered(int index, bool state);

private:
    enum class Mode { None, Map, Centers };
    void rebuild();
    void drawMap();
    void drawCenters();
    QScatterSeries *addSeries(const QString &objectName, const QString &name, const QList<int> &indices,
                              const QList<QPointF> &points);
    void setAxes(const QString &xTitle, const QString &yTitle);

    QChart *m_chart;
    Mode m_mode = Mode::None;
    std::vector<engine::MapPoint> m_points;
    std::vector<engine::SentCenter> m_centers;
    QHash<QXYSeries *, QList<int>> m_indices; // per series, the index of each of its points
};

} // namespace fp::ui
