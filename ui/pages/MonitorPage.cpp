#include "pages/MonitorPage.h"

#include "charts/ChartImage.h"
#include "models/MonitorRunsModel.h"
#include "models/RunEventsModel.h"
#include "models/RunStatus.h"
#include "models/SiteStatusModel.h"
#include "models/WorkspaceRuns.h"
#include "run/RunController.h"

#include <QAction>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace fp::ui {
namespace {

QTableView *makeTable(QWidget *parent, const char *name, QAbstractItemModel *model) {
    auto *table = new QTableView(parent);
    table->setObjectName(QString::fromLatin1(name));
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    // The last column (state, details, cost) takes the width left and elides; its tooltip holds the whole text.
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setSectionResizeMode(model->columnCount() - 1, QHeaderView::Stretch);
    table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    return table;
}

} // namespace

MonitorPage::MonitorPage(WorkspaceRuns *runs, RunController *controller, QWidget *parent)
    : Page(QStringLiteral("page.monitor"), parent), m_runs(runs), m_controller(controller),
      m_runsModel(new MonitorRunsModel(this)), m_eventsModel(new RunEventsModel(this)),
      m_sitesModel(new SiteStatusModel(this)), m_poll(new QTimer(this)) {
    m_content = new QWidget(this);
    auto *layout = new QVBoxLayout(m_content);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout();
    m_trialLabel = new QLabel(m_content);
    m_trial = new QComboBox(m_content);
    m_trial->setObjectName(QStringLiteral("monitor.trial"));
    m_trial->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_export = new QPushButton(m_content);
    m_export->setObjectName(QStringLiteral("monitor.export"));
    bar->addWidget(m_trialLabel);
    bar->addWidget(m_trial);
    bar->addStretch(1);
    bar->addWidget(m_export);
    layout->addLayout(bar);
    auto *statusBar = new QHBoxLayout();
    m_status = new QLabel(m_content);
    m_status->setObjectName(QStringLiteral("monitor.status"));
    m_status->setTextFormat(Qt::PlainText); // strategy and trial names are user text
    m_progress = new QProgressBar(m_content);
    m_progress->setObjectName(QStringLiteral("monitor.progress"));
    m_progress->setMaximumWidth(260);
    statusBar->addWidget(m_status, 1);
    statusBar->addWidget(m_progress);
    layout->addLayout(statusBar);
    auto *split = new QSplitter(Qt::Vertical, m_content);
    split->addWidget(buildCharts());
    split->addWidget(buildTables());
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);
    m_content->hide();
    body()->addWidget(m_content, 1);

    m_poll->setInterval(1000);
    connect(m_poll, &QTimer::timeout, this, &MonitorPage::reload);
    connect(&m_watcher, &QFutureWatcher<Loaded>::finished, this, &MonitorPage::finishLoad);
    connect(runs, &WorkspaceRuns::loaded, this, &MonitorPage::reload);
    connect(m_trial, &QComboBox::activated, this,
            [this](int index) { showTrial(m_trial->itemData(index).toLongLong()); });
    connect(m_export, &QPushButton::clicked, this, &MonitorPage::chooseAndExport);
    connect(m_runsModel, &MonitorRunsModel::shownRunsChanged, this, [this] { redrawCharts(false); });
    if (controller) {
        // A trial started here: follow it. Its rounds are read back from the workspace as they commit.
        connect(controller, &RunController::started, this, [this] { showTrial(0); });
        connect(controller, &RunController::runStarted, this, &MonitorPage::reload);
        connect(controller, &RunController::roundCommitted, this, &MonitorPage::reload);
        connect(controller, &RunController::runFinished, this, &MonitorPage::reload);
        connect(controller, &RunController::progressed, this,
                [this](qint64 runId, int round, int rounds, const QString &phase, int done, int total) {
                    m_runsModel->setProgress(runId, round, rounds, phase, done, total);
                    updateStatus();
                });
    }
    retranslate();
}

QWidget *MonitorPage::buildCharts() {
    auto *charts = new QWidget(m_content);
    auto *grid = new QGridLayout(charts);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(4);
    int cell = 0;
    for (const RoundChart kind : kRoundCharts) {
        auto *chart = new QChart();
        chart->setMargins(QMargins(2, 2, 2, 2));
        chart->legend()->setAlignment(Qt::AlignBottom);
        QFont small = chart->legend()->font();
        small.setPointSizeF(small.pointSizeF() * 0.85);
        chart->legend()->setFont(small);
        auto *view = new QChartView(chart, charts);
        view->setObjectName(QStringLiteral("monitor.chart.") + RoundCharts::fileStem(kind));
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumSize(220, 170);
        view->setContextMenuPolicy(Qt::ActionsContextMenu);
        auto *save = new QAction(view);
        save->setObjectName(QStringLiteral("monitor.save.") + RoundCharts::fileStem(kind));
        connect(save, &QAction::triggered, this, [this, kind] { chooseAndSave(kind); });
        view->addAction(save);
        m_views.insert(kind, view);
        grid->addWidget(view, cell / 3, cell % 3);
        ++cell;
    }
    auto *sites = new QWidget(charts);
    auto *sitesLayout = new QVBoxLayout(sites);
    sitesLayout->setContentsMargins(0, 0, 0, 0);
    m_sitesLabel = new QLabel(sites);
    m_sitesLabel->setTextFormat(Qt::PlainText);
    m_sitesTable = makeTable(sites, "monitor.sites", m_sitesModel);
    sitesLayout->addWidget(m_sitesLabel);
    sitesLayout->addWidget(m_sitesTable, 1);
    grid->addWidget(sites, cell / 3, cell % 3);
    return charts;
}

QWidget *MonitorPage::buildTables() {
    auto *split = new QSplitter(Qt::Horizontal, m_content);
    m_runsTable = makeTable(split, "monitor.runs", m_runsModel);
    m_eventsTable = makeTable(split, "monitor.events", m_eventsModel);
    split->addWidget(m_runsTable);
    split->addWidget(m_eventsTable);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    connect(m_eventsModel, &QAbstractItemModel::rowsInserted, m_eventsTable, &QTableView::scrollToBottom);
    return split;
}

void MonitorPage::retranslate() {
    setHeading(tr("Monitor"), tr("Watch a trial's runs round by round: accuracy, loss, cost, bytes per site, the "
                                 "data each client trained on, the sites and what went wrong."));
    setEmptyMessage(tr("No run to watch yet. Start a trial on the Trials page (Run > Start, Ctrl+R), or from a "
                       "terminal with fedpilot-cli run TRIAL.json --workspace and this workspace's folder: its "
                       "rounds appear here as they are recorded."));
    m_trialLabel->setText(tr("Trial"));
    m_export->setText(tr("Export charts…"));
    m_export->setToolTip(tr("Save every chart as a PNG file in a folder you choose."));
    for (auto it = m_views.cbegin(); it != m_views.cend(); ++it) {
        it.value()->actions().constFirst()->setText(tr("Save chart as PNG…"));
    }
    m_runsModel->retranslate();
    m_eventsModel->retranslate();
    m_sitesModel->retranslate();
    updateTrialChoice();
    redrawCharts(true);
    updateStatus();
}

QChart *MonitorPage::chart(RoundChart kind) const { return m_views.value(kind)->chart(); }

QChartView *MonitorPage::chartView(RoundChart kind) const { return m_views.value(kind); }

bool MonitorPage::polling() const { return m_poll->isActive() && m_poll->interval() == 1000; }

void MonitorPage::showTrial(qint64 trialId) {
    m_wantedTrial = trialId;
    reload();
}

void MonitorPage::reload() {
    const QString workspace = m_runs->workspace();
    if (workspace.isEmpty()) {
        return;
    }
    if (m_watcher.isRunning()) {
        m_reloadPending = true;
        return;
    }
    m_reloadPending = false;
    const int64_t trial = m_wantedTrial;
    m_watcher.setFuture(queryWorkspace<MonitorSnapshot>(
        workspace, [trial](storage::RunStore &store) { return readMonitorSnapshot(store, trial); }));
}

void MonitorPage::finishLoad() {
    Loaded result = m_watcher.result();
    if (m_reloadPending) {
        reload();
    }
    if (!result.error.empty()) {
        m_poll->stop();
        const QString message = QString::fromStdString(result.error);
        setLiveText(m_status, [message] { return tr("Cannot read the workspace: %1").arg(message); });
        Q_EMIT failed(message);
        return;
    }
    apply(std::move(result.value));
    Q_EMIT updated();
}

void MonitorPage::apply(MonitorSnapshot snapshot) {
    m_snapshot = std::move(snapshot);
    const bool any = !m_snapshot.details.empty();
    showEmptyMessage(!any);
    m_content->setVisible(any);
    std::vector<storage::RunSummary> runs;
    for (const auto &d : m_snapshot.details) {
        runs.push_back(d.summary);
    }
    m_runsModel->setRuns(std::move(runs));
    m_eventsModel->setRuns(m_snapshot.details);
    if (const auto *focus = focusedRun()) {
        m_sitesModel->setRun(*focus);
    } else {
        m_sitesModel->clear();
    }
    updateTrialChoice();
    redrawCharts(false);
    updateStatus();
    updatePolling();
}

// Every second while a run of the trial is live; every few seconds while the page is seen, so that a run started
// by another process (the CLI) shows up; not at all otherwise.
void MonitorPage::updatePolling() {
    const bool live = m_snapshot.live();
    m_poll->setInterval(live ? 1000 : 5000);
    if ((live || isVisible()) && !m_runs->workspace().isEmpty()) {
        if (!m_poll->isActive()) {
            m_poll->start();
        }
    } else {
        m_poll->stop();
    }
}

void MonitorPage::showEvent(QShowEvent *event) {
    Page::showEvent(event);
    reload();
    updatePolling();
}

void MonitorPage::hideEvent(QHideEvent *event) {
    Page::hideEvent(event);
    updatePolling();
}

// The run the status line and the sites table are about: the running one, else the trial's last run that
// recorded a round, else its last run.
const storage::RunDetail *MonitorPage::focusedRun() const {
    const auto &details = m_snapshot.details;
    for (const auto &d : details) {
        if (d.summary.status == storage::kRunRunning) {
            return &d;
        }
    }
    for (auto it = details.rbegin(); it != details.rend(); ++it) {
        if (!it->rounds.empty()) {
            return &*it;
        }
    }
    return details.empty() ? nullptr : &details.back();
}

void MonitorPage::updateTrialChoice() {
    const QSignalBlocker block(m_trial);
    m_trial->clear();
    m_trial->addItem(tr("Follow the running trial"), qint64(0));
    std::vector<int64_t> seen;
    for (const auto &run : m_snapshot.runs) { // newest first
        if (std::find(seen.begin(), seen.end(), run.trialId) != seen.end()) {
            continue;
        }
        seen.push_back(run.trialId);
        m_trial->addItem(QString::fromStdString(run.trial), qint64(run.trialId));
    }
    m_trial->setCurrentIndex(m_wantedTrial == 0 ? 0 : std::max(0, m_trial->findData(m_wantedTrial)));
    if (m_wantedTrial == 0 && m_snapshot.trialId != 0) {
        const int shown = m_trial->findData(qint64(m_snapshot.trialId));
        m_trial->setItemText(0, tr("Follow the running trial (now: %1)").arg(m_trial->itemText(shown)));
    }
}

void MonitorPage::redrawCharts(bool force) {
    std::vector<storage::RunDetail> shown;
    QString drawn;
    for (const auto &d : m_snapshot.details) {
        if (m_runsModel->isShown(d.summary.id)) {
            shown.push_back(d);
            drawn += QStringLiteral("%1:%2:%3;").arg(d.summary.id).arg(d.rounds.size()).arg(d.summary.plannedRounds);
        }
    }
    if (!force && drawn == m_drawn) {
        return; // nothing new: keep the charts as they are (polling reads the same rounds every second)
    }
    m_drawn = drawn;
    for (auto it = m_views.cbegin(); it != m_views.cend(); ++it) {
        RoundCharts::fill(it.value()->chart(), it.key(), shown);
    }
}

void MonitorPage::updateStatus() {
    const storage::RunDetail *focus = focusedRun();
    if (!focus) {
        m_progress->hide();
        m_sitesLabel->clear();
        return;
    }
    const auto &run = focus->summary;
    const QString label = RoundCharts::runLabel(run);
    m_sitesLabel->setText(tr("Sites of %1").arg(label));
    m_progress->show();
    m_progress->setRange(0, std::max(1, run.plannedRounds));
    m_progress->setValue(std::min(run.completedRounds, run.plannedRounds));
    m_progress->setFormat(tr("%1/%2 rounds").arg(run.completedRounds).arg(run.plannedRounds));
    const int completed = int(std::count_if(m_snapshot.details.begin(), m_snapshot.details.end(),
                                            [](const auto &d) { return d.summary.status == storage::kRunCompleted; }));
    const int total = int(m_snapshot.details.size());
    const QString now =
        m_runsModel->index(int(focus - m_snapshot.details.data()), MonitorRunsModel::Now).data().toString();
    const QString status = run.status == storage::kRunRunning ? tr("%1 is running: %2.").arg(label, now)
                                                              : tr("%1: %2.").arg(label, runStatusText(run.status));
    setLiveText(m_status, {}); // this function sets it again after a language change
    const QString note = m_exportNote;
    const QString text = tr("%1 %2 of %n run(s) of this trial completed.", nullptr, total).arg(status).arg(completed);
    m_status->setText(note.isEmpty() ? text : text + QLatin1Char('\n') + note);
}

Result<QStringList> MonitorPage::exportCharts(const QString &dir) {
    QStringList written;
    for (const RoundChart kind : kRoundCharts) {
        const QString path = QDir(dir).filePath(QStringLiteral("monitor-%1.png").arg(RoundCharts::fileStem(kind)));
        if (auto ok = savePng(chartImage(m_views.value(kind)), path); !ok) {
            return std::unexpected(ok.error());
        }
        written << path;
    }
    return written;
}

void MonitorPage::chooseAndExport() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export charts to a folder"));
    if (dir.isEmpty()) {
        return;
    }
    auto written = exportCharts(dir);
    m_exportNote =
        written ? tr("Wrote %n chart(s) to %1.", nullptr, int(written->size())).arg(QDir::toNativeSeparators(dir))
                : tr("Export failed: %1").arg(QString::fromStdString(written.error().message));
    updateStatus();
}

void MonitorPage::chooseAndSave(RoundChart kind) {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save chart as PNG"),
                                                      QStringLiteral("monitor-%1.png").arg(RoundCharts::fileStem(kind)),
                                                      tr("PNG image (*.png)"));
    if (path.isEmpty()) {
        return;
    }
    auto ok = savePng(chartImage(m_views.value(kind)), path);
    m_exportNote = ok ? tr("Wrote %1.").arg(QDir::toNativeSeparators(path))
                      : tr("Export failed: %1").arg(QString::fromStdString(ok.error().message));
    updateStatus();
}

} // namespace fp::ui
