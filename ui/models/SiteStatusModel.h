#pragma once

#include "fedpilot/storage/RunStore.h"

#include <QAbstractTableModel>

#include <vector>

namespace fp::ui {

// The sites of one run and how each is doing, from its stored rounds: where it runs (in this process, or the
// agent's address), its clients, and its state: for a local site what its clients did in the last round; for an
// agent whether it answered in the last round, was dropped (a client call failed on the network and the site was
// left out of the round), or rejoined after being dropped.
class SiteStatusModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Site, Clients, State, Where, Count };

    explicit SiteStatusModel(QObject *parent = nullptr);

    // The sites of run (empty run: no rows). The same sites update in place; others reset the model.
    void setRun(const storage::RunDetail &run);
    void clear();
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        std::string name;
        std::string agent;
        int clients = 0;
        int lastRound = 0; // the last round in which a client of the site was sampled (0: none yet)
        int trained = 0;   // of its clients in that round
        int skipped = 0;
        int failed = 0;
        int droppedRound = 0; // the last round in which the site failed or was dropped (0: never)
    };
    QString stateText(const Row &row) const;

    std::vector<Row> m_rows;
};

} // namespace fp::ui
