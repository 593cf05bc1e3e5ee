#pragma once

#include "charts/RoundCharts.h"
#include "fedpilot/engine/Error.h"
#include "models/MonitorSnapshot.h"
#include "models/WorkspaceQuery.h"
#include "widgets/Page.h"

#include <QFutureWatcher>
#include <QMap>

class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;
class QTimer;

namespace fp::ui {

class MonitorRunsModel;
class RunController;
class RunEventsModel;
class SiteStatusModel;
class WorkspaceRuns;

// Live monitor of a trial's runs, from what the workspace records: its runs with their round and phase, the
// per-round charts (RoundCharts: Rouge-L, held-out loss, cumulative cost, bytes by site, samples per client), the
// sites' state and the event log. It reads the workspace off the GUI thread, once a second while a run of the
// trial is running (so a run started from the CLI is watched too) and whenever the run controller of this
// console commits a round; the controller's reports add the phase of the round in progress. Every chart can be
// saved as a PNG (its context menu, or Export charts… for all of them).
class MonitorPage : public Page {
    Q_OBJECT
public:
    // controller: this console's run controller (may be null: only the workspace is watched).
    MonitorPage(WorkspaceRuns *runs, RunController *controller, QWidget *parent = nullptr);

    // Shows trialId (0: follow the trial of the running run, else the newest) and reads the workspace again.
    void showTrial(qint64 trialId);
    [[nodiscard]] qint64 shownTrial() const { return m_snapshot.trialId; }
    [[nodiscard]] QChart *chart(RoundChart kind) const;
    [[nodiscard]] QChartView *chartView(RoundChart kind) const;
    [[nodiscard]] MonitorRunsModel *runsModel() const { return m_runsModel; }
    [[nodiscard]] RunEventsModel *eventsModel() const { return m_eventsModel; }
    [[nodiscard]] SiteStatusModel *sitesModel() const { return m_sitesModel; }
    // Whether the page reads the workspace every second (a run of the shown trial is live; while the page is seen and
    // nothing is live it reads it every 5 s, to notice a run another process starts).
    [[nodiscard]] bool polling() const;
    // Writes every chart as DIR/monitor-<chart>.png (RoundCharts::fileStem) at its size on screen; returns the
    // files written. Errors: Io, naming the file.
    Result<QStringList> exportCharts(const QString &dir);

public Q_SLOTS:
    // Reads the workspace again (a request during a read is carried out when it ends).
    void reload();

Q_SIGNALS:
    void updated(); // a new snapshot of the workspace is shown
    void failed(const QString &message);

protected:
    void retranslate() override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    using Loaded = WorkspaceQueryResult<MonitorSnapshot>;
    QWidget *buildCharts();
    QWidget *buildTables();
    void finishLoad();
    void apply(MonitorSnapshot snapshot);
    void updateTrialChoice();
    void redrawCharts(bool force);
    void updateStatus();
    void updatePolling();
    void chooseAndExport();
    void chooseAndSave(RoundChart kind);
    const storage::RunDetail *focusedRun() const;

    WorkspaceRuns *m_runs;
    RunController *m_controller;
    QWidget *m_content = nullptr;
    QLabel *m_trialLabel = nullptr;
    QComboBox *m_trial = nullptr;
    QPushButton *m_export = nullptr;
    QLabel *m_status = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_sitesLabel = nullptr;
    QMap<RoundChart, QChartView *> m_views;
    QTableView *m_runsTable = nullptr;
    QTableView *m_sitesTable = nullptr;
    QTableView *m_eventsTable = nullptr;
    MonitorRunsModel *m_runsModel = nullptr;
    RunEventsModel *m_eventsModel = nullptr;
    SiteStatusModel *m_sitesModel = nullptr;
    QTimer *m_poll = nullptr;
    QFutureWatcher<Loaded> m_watcher;
    bool m_reloadPending = false;
    qint64 m_wantedTrial = 0; // 0: follow
    MonitorSnapshot m_snapshot;
    QString m_drawn; // what the charts show (runs, rounds, shown runs), to redraw only on change
    QString m_exportNote;
};

} // namespace fp::ui
