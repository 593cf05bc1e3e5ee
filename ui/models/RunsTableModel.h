#pragma once

#include "fedpilot/storage/RunStore.h"

#include <QAbstractTableModel>

#include <vector>

namespace fp::ui {

// The runs of a workspace as a table: one row per run, newest first (as RunStore::listRuns gives them).
// Display text is formatted for people (percentages, kB/MB); Qt::UserRole gives the raw number for sorting
// and charts.
class RunsTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Id, Trial, Strategy, Status, Rounds, RougeL, DataUsed, Bytes, SelectionBytes, Seconds, Cost, Count };

    explicit RunsTableModel(QObject *parent = nullptr);

    void setRuns(std::vector<storage::RunSummary> runs);
    [[nodiscard]] const storage::RunSummary &run(int row) const { return m_runs.at(size_t(row)); }

    // Tells the views that every header and cell text changed (the language changed at run time).
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const storage::RunSummary &run, int column) const;
    QVariant raw(const storage::RunSummary &run, int column) const;

    std::vector<storage::RunSummary> m_runs;
};

} // namespace fp::ui
