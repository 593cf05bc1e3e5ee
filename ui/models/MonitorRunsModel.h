#pragma once

#include "fedpilot/storage/RunStore.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>

#include <vector>

namespace fp::ui {

// The runs of the trial the Monitor page shows, one row each (oldest first): strategy, status, rounds done, what
// it is doing now, its last Rouge-L and cost. The Run column is checkable: checked runs are drawn in the charts
// (every run is, until unchecked). What a run does now comes from the run controller when this console runs it
// (setProgress); for a run of another process (the CLI) only the stored rounds are known.
class MonitorRunsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Run, Strategy, Status, Rounds, Now, RougeL, Cost, Count };

    explicit MonitorRunsModel(QObject *parent = nullptr);

    // New values for the same runs in the same order update the rows in place; other runs reset the model.
    void setRuns(std::vector<storage::RunSummary> runs);
    [[nodiscard]] const storage::RunSummary &run(int row) const { return m_runs.at(size_t(row)); }
    // The run controller's latest report for runId (round, rounds, phase as engine::RunProgress names it).
    void setProgress(qint64 runId, int round, int rounds, const QString &phase, int done, int total);
    [[nodiscard]] bool isShown(qint64 runId) const { return !m_hidden.contains(runId); }
    // Tells the views that every text changed (the language changed at run time).
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void shownRunsChanged();

private:
    struct Progress {
        int round = 0;
        int rounds = 0;
        QString phase;
        int done = 0;
        int total = 0;
    };
    QString nowText(const storage::RunSummary &run) const;

    std::vector<storage::RunSummary> m_runs;
    QSet<qint64> m_hidden;
    QHash<qint64, Progress> m_progress;
};

} // namespace fp::ui
