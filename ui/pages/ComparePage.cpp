#include "pages/ComparePage.h"

#include "charts/ChartImage.h"
#include "models/Pareto.h"
#include "models/RoiSummary.h"
#include "models/RunsTableModel.h"
#include "models/WorkspaceRuns.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCursor>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QListWidget>
#include <QMessageBox>
#include <QPen>
#include <QPushButton>
#include <QScatterSeries>
#include <QSignalBlocker>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

namespace fp::ui {

ComparePage::ComparePage(WorkspaceRuns *runs, QWidget *parent)
    : Page(QStringLiteral("page.compare"), parent), m_runs(runs) {
    auto *bar = new QHBoxLayout();
    m_axisLabel = new QLabel(this);
    bar->addWidget(m_axisLabel);
    m_axis = new QComboBox(this);
    m_axis->setObjectName(QStringLiteral("compare.axis"));
    for (const int column : {int(RunsTableModel::Cost), int(RunsTableModel::Seconds), int(RunsTableModel::Bytes),
                             int(RunsTableModel::DataUsed)}) {
        m_axis->addItem(QString(), column);
    }
    bar->addWidget(m_axis);
    bar->addStretch(1);
    m_export = new QPushButton(this);
    m_export->setObjectName(QStringLiteral("compare.export"));
    connect(m_export, &QPushButton::clicked, this, &ComparePage::chooseAndExport);
    bar->addWidget(m_export);
    body()->addLayout(bar);
    m_view = new QChartView(new QChart(), this);
    m_view->setObjectName(QStringLiteral("compare.chart"));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->hide();
    m_runList = new QListWidget(this);
    m_runList->setObjectName(QStringLiteral("compare.runs"));
    m_runList->setMaximumWidth(260);
    m_runList->setTextElideMode(Qt::ElideMiddle); // the whole name is the item's tooltip
    m_runList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_runList->hide();
    auto *row = new QHBoxLayout();
    row->addWidget(m_view, 1);
    row->addWidget(m_runList);
    body()->addLayout(row, 1);
    m_roi = new QLabel(this);
    m_roi->setObjectName(QStringLiteral("compare.roi"));
    m_roi->setWordWrap(true);
    m_roi->setTextFormat(Qt::PlainText); // trial names are user text
    m_roi->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_roi->hide();
    body()->addWidget(m_roi);
    connect(m_axis, &QComboBox::currentIndexChanged, this, &ComparePage::rebuild);
    connect(runs->model(), &QAbstractItemModel::modelReset, this, &ComparePage::fillRunList);
    connect(m_runList, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        const int64_t id = item->data(Qt::UserRole).toLongLong();
        if (item->checkState() == Qt::Checked) {
            m_unticked.erase(id);
        } else {
            m_unticked.insert(id);
        }
        rebuild();
    });
    retranslate();
}

// The evaluated runs, newest first, ticked unless the user untook them; then the chart.
void ComparePage::fillRunList() {
    {
        const QSignalBlocker quiet(m_runList);
        m_runList->clear();
        const auto *model = m_runs->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            const auto &run = model->run(row);
            if (!run.lastRougeL) {
                continue;
            }
            auto *item = new QListWidgetItem(tr("Run %1 · %2 · %3")
                                                 .arg(QString::number(run.id), QString::fromStdString(run.strategy),
                                                      QString::fromStdString(run.trial)),
                                             m_runList);
            item->setToolTip(item->text());
            item->setData(Qt::UserRole, qlonglong(run.id));
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
            item->setCheckState(m_unticked.contains(run.id) ? Qt::Unchecked : Qt::Checked);
        }
    }
    rebuild();
}

void ComparePage::retranslate() {
    setHeading(tr("Compare"),
               tr("Compare runs side by side on ROI charts: Rouge-L gained against compute, bytes and cost."));
    setEmptyMessage(tr("Nothing to compare yet. Start a trial with two or more strategies on the Trials page; each "
                       "run appears here once a round is evaluated."));
    m_axisLabel->setText(tr("Rouge-L against"));
    m_export->setText(tr("Export chart…"));
    m_export->setToolTip(tr("Save the chart as a PNG file."));
    const QString axes[] = {tr("Cost"), tr("Seconds"), tr("Bytes moved (MB)"), tr("Data used (%)")};
    for (int i = 0; i < m_axis->count(); ++i) {
        m_axis->setItemText(i, axes[i]);
    }
    fillRunList(); // the run list, axis titles, tooltips and the ROI summary
}

QChart *ComparePage::chart() const { return m_view->chart(); }

QString ComparePage::roiSummary() const { return m_roi->text(); }

Result<void> ComparePage::exportChart(const QString &path) { return savePng(chartImage(m_view), path); }

void ComparePage::chooseAndExport() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save chart as PNG"), QStringLiteral("compare.png"),
                                                      tr("PNG image (*.png)"));
    if (path.isEmpty()) {
        return;
    }
    if (auto ok = exportChart(path); !ok) {
        QMessageBox::warning(this, tr("Export failed"), QString::fromStdString(ok.error().message));
    }
}

void ComparePage::rebuild() {
    QChart *chart = m_view->chart();
    chart->removeAllSeries();
    for (auto *axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
    const auto *model = m_runs->model();
    const int column = m_axis->currentData().toInt();
    // The evaluated runs as chart points (x scaled for reading: MB, %).
    std::vector<int> rows;
    std::vector<RoiPoint> points;
    std::vector<storage::RunSummary> runs;
    for (int row = 0; row < model->rowCount(); ++row) {
        const auto &run = model->run(row);
        if (m_unticked.contains(run.id)) {
            continue; // taken out of the comparison: neither charted nor summarised
        }
        runs.push_back(run);
        if (!run.lastRougeL) {
            continue;
        }
        double x = model->index(row, column).data(Qt::UserRole).toDouble();
        x = column == RunsTableModel::Bytes ? x / 1e6 : column == RunsTableModel::DataUsed ? 100.0 * x : x;
        rows.push_back(row);
        points.push_back({x, 100.0 * *run.lastRougeL});
    }
    const std::vector<std::size_t> front = paretoFront(points);
    std::vector<bool> onFront(points.size(), false);
    for (const std::size_t i : front) {
        onFront[i] = true;
    }

    auto *xAxis = new QValueAxis(chart);
    auto *yAxis = new QValueAxis(chart);
    xAxis->setTitleText(m_axis->currentText());
    yAxis->setTitleText(tr("Rouge-L (%)"));
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);
    const auto add = [&](QXYSeries *series) {
        chart->addSeries(series);
        series->attachAxis(xAxis);
        series->attachAxis(yAxis);
    };
    // The front first, so that the runs' markers draw over its line and rings.
    if (!front.empty()) {
        auto *line = new QLineSeries(chart);
        line->setObjectName(QStringLiteral("compare.pareto"));
        line->setName(tr("Pareto front"));
        line->setPen(QPen(QColor(0x55, 0x55, 0x55), 1.5, Qt::DashLine));
        auto *rings = new QScatterSeries(chart);
        rings->setObjectName(QStringLiteral("compare.paretoRings"));
        rings->setMarkerSize(22);
        rings->setColor(Qt::transparent);
        rings->setBorderColor(QColor(0x55, 0x55, 0x55));
        for (const std::size_t i : front) {
            line->append(points[i].x, points[i].y);
            rings->append(points[i].x, points[i].y);
        }
        add(line);
        add(rings);
        for (auto *marker : chart->legend()->markers(rings)) {
            marker->setVisible(false);
        }
    }
    std::map<QString, QScatterSeries *> byStrategy;
    std::map<QScatterSeries *, QStringList> tips;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const auto &run = model->run(rows[i]);
        const QString strategy = QString::fromStdString(run.strategy);
        auto *&series = byStrategy[strategy];
        if (!series) {
            series = new QScatterSeries(chart);
            series->setName(strategy);
            series->setMarkerSize(12);
        }
        series->append(points[i].x, points[i].y);
        QString tip = tr("Run %1 (%2), trial %3\nRouge-L %4, %5: %6")
                          .arg(QString::number(run.id), strategy, QString::fromStdString(run.trial),
                               model->index(rows[i], RunsTableModel::RougeL).data().toString(), m_axis->currentText(),
                               model->index(rows[i], column).data().toString());
        if (onFront[i]) {
            tip += QLatin1Char('\n') + tr("On the Pareto front: no other run reached a higher Rouge-L for less.");
        }
        tips[series] << tip;
    }
    for (auto &[name, series] : byStrategy) {
        add(series);
        connect(series, &QScatterSeries::hovered, series,
                [series, texts = tips[series]](const QPointF &point, bool state) {
                    if (!state) {
                        QToolTip::hideText();
                        return;
                    }
                    const auto all = series->points();
                    for (qsizetype i = 0; i < all.size() && i < texts.size(); ++i) {
                        if (all[i] == point) {
                            QToolTip::showText(QCursor::pos(), texts[i]);
                            return;
                        }
                    }
                });
    }
    double maxX = 0.0, maxY = 0.0;
    for (const auto &p : points) {
        maxX = std::isfinite(p.x) ? std::max(maxX, p.x) : maxX;
        maxY = std::isfinite(p.y) ? std::max(maxY, p.y) : maxY;
    }
    // From zero, so that distances read as ratios (half the cost for the same Rouge-L), with a margin.
    xAxis->setRange(0.0, maxX > 0.0 ? 1.1 * maxX : 1.0);
    yAxis->setRange(0.0, maxY > 0.0 ? 1.1 * maxY : 1.0);
    xAxis->applyNiceNumbers();
    yAxis->applyNiceNumbers();
    m_roi->setText(RoiSummary::describe(runs));
    const bool anyEvaluated = m_runList->count() > 0;
    showEmptyMessage(!anyEvaluated);
    m_runList->setVisible(anyEvaluated);
    m_view->setVisible(anyEvaluated);
    m_export->setEnabled(!byStrategy.empty());
    m_roi->setVisible(!byStrategy.empty() && !m_roi->text().isEmpty());
}

} // namespace fp::ui
