#include "pages/ComparePage.h"

#include "models/RunsTableModel.h"
#include "models/WorkspaceRuns.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QScatterSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <map>

namespace fp::ui {

ComparePage::ComparePage(WorkspaceRuns *runs, QWidget *parent)
    : Page(QStringLiteral("page.compare"), tr("Compare"),
           tr("Compare runs side by side on ROI charts: Rouge-L gained against compute, bytes and cost."), parent),
      m_runs(runs) {
    setEmptyMessage(tr("Nothing to compare yet. Runs with an evaluated round appear here."));
    auto *bar = new QHBoxLayout();
    bar->addWidget(new QLabel(tr("Rouge-L against"), this));
    m_axis = new QComboBox(this);
    m_axis->setObjectName(QStringLiteral("compare.axis"));
    m_axis->addItem(tr("Cost"), int(RunsTableModel::Cost));
    m_axis->addItem(tr("Seconds"), int(RunsTableModel::Seconds));
    m_axis->addItem(tr("Bytes moved (MB)"), int(RunsTableModel::Bytes));
    m_axis->addItem(tr("Data used (%)"), int(RunsTableModel::DataUsed));
    bar->addWidget(m_axis);
    bar->addStretch(1);
    body()->addLayout(bar);
    m_view = new QChartView(new QChart(), this);
    m_view->setObjectName(QStringLiteral("compare.chart"));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->hide();
    body()->addWidget(m_view, 1);
    connect(m_axis, &QComboBox::currentIndexChanged, this, &ComparePage::rebuild);
    connect(runs->model(), &QAbstractItemModel::modelReset, this, &ComparePage::rebuild);
}

QChart *ComparePage::chart() const { return m_view->chart(); }

void ComparePage::rebuild() {
    QChart *chart = m_view->chart();
    chart->removeAllSeries();
    for (auto *axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
    const auto *model = m_runs->model();
    const int column = m_axis->currentData().toInt();
    std::map<QString, QScatterSeries *> byStrategy;
    double maxX = 0.0, maxY = 0.0;
    for (int row = 0; row < model->rowCount(); ++row) {
        const auto &run = model->run(row);
        if (!run.lastRougeL) {
            continue;
        }
        const QString strategy = QString::fromStdString(run.strategy);
        auto *&series = byStrategy[strategy];
        if (!series) {
            series = new QScatterSeries(chart);
            series->setName(strategy);
            series->setMarkerSize(12);
        }
        double x = model->index(row, column).data(Qt::UserRole).toDouble();
        x = column == RunsTableModel::Bytes ? x / 1e6 : column == RunsTableModel::DataUsed ? 100.0 * x : x;
        series->append(x, 100.0 * *run.lastRougeL);
        maxX = std::max(maxX, x);
        maxY = std::max(maxY, 100.0 * *run.lastRougeL);
    }
    auto *xAxis = new QValueAxis(chart);
    auto *yAxis = new QValueAxis(chart);
    xAxis->setTitleText(m_axis->currentText());
    yAxis->setTitleText(tr("Rouge-L (%)"));
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);
    for (auto &[name, series] : byStrategy) {
        chart->addSeries(series);
        series->attachAxis(xAxis);
        series->attachAxis(yAxis);
    }
    // From zero, so that distances read as ratios (half the cost for the same Rouge-L), with a margin.
    xAxis->setRange(0.0, maxX > 0.0 ? 1.1 * maxX : 1.0);
    yAxis->setRange(0.0, maxY > 0.0 ? 1.1 * maxY : 1.0);
    xAxis->applyNiceNumbers();
    yAxis->applyNiceNumbers();
    showEmptyMessage(byStrategy.empty());
    m_view->setVisible(!byStrategy.empty());
}

} // namespace fp::ui
