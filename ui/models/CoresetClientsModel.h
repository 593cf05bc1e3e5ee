#pragma once

#include "fedpilot/storage/RunStore.h"

#include <QAbstractTableModel>

#include <vector>

namespace fp::ui {

// The client rounds of one round of a run, as the coreset inspector lists them (RunStore::coresetClients): one row
// per sampled client with its site, samples, groups, selected samples and what the workspace holds of its selection
// (a map of its samples, only the centers it sent, or nothing). Qt::UserRole gives the raw number of a count.
class CoresetClientsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Client, Site, Samples, Groups, Selected, Kept, Count };

    explicit CoresetClientsModel(QObject *parent = nullptr);

    void setClients(std::vector<storage::CoresetClient> clients);
    [[nodiscard]] const storage::CoresetClient &client(int row) const { return m_clients.at(size_t(row)); }
    // The first row with a map of its samples, else the first with centers, else 0; -1 when there is no row.
    [[nodiscard]] int preferredRow() const;

    // Tells the views that every header and cell text changed (the language changed at run time).
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const storage::CoresetClient &client, int column) const;

    std::vector<storage::CoresetClient> m_clients;
};

// A client round's recorded status ("trained", "skipped: empty coreset", "failed: ...") in the UI's language; the
// detail after a known prefix stays as recorded.
[[nodiscard]] QString clientStatusText(const std::string &status);

} // namespace fp::ui
