#pragma once

#include "fedpilot/storage/RunStore.h"

#include <QAbstractItemModel>

#include <vector>

namespace fp::ui {

// The trials of a workspace as a tree table: one top-level row per trial (newest first), one child row per run of
// the trial (oldest first). Display text is for people (translated status, "2/3" rounds); the roles below give
// what the page acts on.
class TrialsModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { Name, Strategy, Status, Rounds, Created, Count };
    enum Role {
        TrialIdRole = Qt::UserRole + 1, // qint64, on trial and run rows
        RunIdRole,                      // qint64 on run rows, 0 on trial rows
        StatusRole,                     // the stored status (run rows)
    };

    explicit TrialsModel(QObject *parent = nullptr);

    // Replaces the trials. When the same trials hold the same runs as before, only their values change
    // (dataChanged: selections stay); otherwise the model is reset.
    void setTrials(std::vector<storage::TrialSummary> trials);
    [[nodiscard]] const std::vector<storage::TrialSummary> &trials() const { return m_trials; }
    // The trial of a trial or run index; nullptr for an invalid index.
    [[nodiscard]] const storage::TrialSummary *trialAt(const QModelIndex &index) const;
    // The run of a run index; nullptr otherwise.
    [[nodiscard]] const storage::TrialRun *runAt(const QModelIndex &index) const;
    // The index (column 0) of a trial, or of one of its runs when runId != 0; invalid when absent.
    [[nodiscard]] QModelIndex indexOf(qint64 trialId, qint64 runId = 0) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    // Tells the views that every header and cell text changed (the language changed at run time).
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant trialData(const storage::TrialSummary &trial, int column, int role) const;
    QVariant runData(const storage::TrialSummary &trial, const storage::TrialRun &run, int column, int role) const;
    bool sameShape(const std::vector<storage::TrialSummary> &trials) const;

    std::vector<storage::TrialSummary> m_trials;
};

} // namespace fp::ui
