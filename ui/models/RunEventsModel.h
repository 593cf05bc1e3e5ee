#pragma once

#include "fedpilot/storage/RunStore.h"

#include <QAbstractTableModel>

#include <span>
#include <vector>

namespace fp::ui {

// The event log of runs, oldest first: what the coordinator and the runner recorded in the events table (client
// failures, sites dropped and rejoined, steps skipped for a non-finite loss, clients without an update such as an
// empty coreset, clustering fallbacks, evaluations that failed, ...). Columns: time (UTC), run, event, details.
class RunEventsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Time, Run, Kind, Message, Count };

    explicit RunEventsModel(QObject *parent = nullptr);

    // The events of runs. Events only ever get appended: when the new list extends the old one, the new rows are
    // inserted at the end; else the model is reset.
    void setRuns(std::span<const storage::RunDetail> runs);
    // An event kind as stored ("site-dropped") in the user's language ("Site dropped").
    [[nodiscard]] static QString kindText(const std::string &kind);
    // Tells the views that every text changed (the language changed at run time).
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        storage::StoredEvent event;
        qint64 runId = 0;
        std::string strategy;
    };
    std::vector<Row> m_rows;
};

} // namespace fp::ui
