#include "models/SiteStatusModel.h"

#include <algorithm>

namespace fp::ui {
namespace {

bool startsWith(const std::string &text, const char *prefix) { return text.rfind(prefix, 0) == 0; }

} // namespace

SiteStatusModel::SiteStatusModel(QObject *parent) : QAbstractTableModel(parent) {}

void SiteStatusModel::setRun(const storage::RunDetail &run) {
    std::vector<Row> rows;
    for (const auto &site : run.sites) {
        Row row{site.name, site.agent, int(site.clients.size())};
        for (const auto &round : run.rounds) {
            int trained = 0, skipped = 0, failed = 0;
            for (const auto &c : round.clients) {
                if (c.site != site.name) {
                    continue;
                }
                if (startsWith(c.status, "failed") || startsWith(c.status, "dropped")) {
                    ++failed;
                } else if (c.status == "trained") {
                    ++trained;
                } else {
                    ++skipped;
                }
            }
            if (trained + skipped + failed > 0) {
                row.lastRound = round.round;
                row.trained = trained;
                row.skipped = skipped;
                row.failed = failed;
                row.droppedRound = failed > 0 ? round.round : row.droppedRound;
            }
        }
        rows.push_back(std::move(row));
    }
    const bool sameRows = std::equal(rows.begin(), rows.end(), m_rows.begin(), m_rows.end(),
                                     [](const Row &a, const Row &b) { return a.name == b.name; });
    if (!sameRows) {
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
        return;
    }
    m_rows = std::move(rows);
    if (!m_rows.empty()) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, Count - 1));
    }
}

void SiteStatusModel::clear() {
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

void SiteStatusModel::retranslate() {
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, Count - 1);
    if (!m_rows.empty()) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, Count - 1));
    }
}

int SiteStatusModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int SiteStatusModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(Count); }

QVariant SiteStatusModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Site: return tr("Site");
    case Where: return tr("Runs at");
    case Clients: return tr("Clients");
    case State: return tr("State");
    default: return {};
    }
}

QString SiteStatusModel::stateText(const Row &row) const {
    if (row.lastRound == 0) {
        return tr("waiting for its first round");
    }
    if (!row.agent.empty()) {
        if (row.droppedRound == row.lastRound) {
            return tr("dropped in round %1").arg(row.lastRound);
        }
        return row.droppedRound > 0
                   ? tr("rejoined in round %1 (dropped in round %2)").arg(row.lastRound).arg(row.droppedRound)
                   : tr("reachable (round %1)").arg(row.lastRound);
    }
    return row.failed > 0 ? tr("round %1: %2 trained, %3 skipped, %4 failed")
                                .arg(row.lastRound)
                                .arg(row.trained)
                                .arg(row.skipped)
                                .arg(row.failed)
                          : tr("round %1: %2 trained, %3 skipped").arg(row.lastRound).arg(row.trained).arg(row.skipped);
}

QVariant SiteStatusModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) {
        return {};
    }
    const Row &row = m_rows[size_t(index.row())];
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) {
        return {};
    }
    switch (index.column()) {
    case Site: return QString::fromStdString(row.name);
    case Where:
        return row.agent.empty() ? tr("this process (simulated)")
                                 : tr("agent %1").arg(QString::fromStdString(row.agent));
    case Clients: return row.clients;
    case State: return stateText(row);
    default: return {};
    }
}

} // namespace fp::ui
