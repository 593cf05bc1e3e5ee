#include "models/RunEventsModel.h"

#include "charts/RoundCharts.h"

#include <algorithm>

namespace fp::ui {

RunEventsModel::RunEventsModel(QObject *parent) : QAbstractTableModel(parent) {}

void RunEventsModel::setRuns(std::span<const storage::RunDetail> runs) {
    std::vector<Row> rows;
    for (const auto &run : runs) {
        for (const auto &event : run.events) {
            rows.push_back({event, run.summary.id, run.summary.strategy});
        }
    }
    // Event ids grow with time across runs.
    std::sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) { return a.event.id < b.event.id; });
    const bool extends =
        rows.size() >= m_rows.size() && std::equal(m_rows.begin(), m_rows.end(), rows.begin(),
                                                   [](const Row &a, const Row &b) { return a.event.id == b.event.id; });
    if (!extends) {
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
        return;
    }
    if (rows.size() > m_rows.size()) {
        beginInsertRows({}, int(m_rows.size()), int(rows.size()) - 1);
        m_rows = std::move(rows);
        endInsertRows();
    }
}

QString RunEventsModel::kindText(const std::string &kind) {
    static const struct {
        const char *kind;
        const char *text;
    } kinds[] = {
        {"client-failed", QT_TR_NOOP("Client failed")},
        {"site-dropped", QT_TR_NOOP("Site dropped")},
        {"site-rejoined", QT_TR_NOOP("Site rejoined")},
        {"round-failed", QT_TR_NOOP("Round failed")},
        {"clustering-fallback", QT_TR_NOOP("Clustering fallback")},
        {"nan-step", QT_TR_NOOP("Steps skipped")},
        {"no-update", QT_TR_NOOP("No update")},
        {"update-rejected", QT_TR_NOOP("Update rejected")},
        {"evaluation-failed", QT_TR_NOOP("Evaluation failed")},
    };
    for (const auto &k : kinds) {
        if (kind == k.kind) {
            return tr(k.text);
        }
    }
    return QString::fromStdString(kind);
}

void RunEventsModel::retranslate() {
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, Count - 1);
    if (!m_rows.empty()) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, Count - 1));
    }
}

int RunEventsModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int RunEventsModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(Count); }

QVariant RunEventsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Time: return tr("Time (UTC)");
    case Run: return tr("Run");
    case Kind: return tr("Event");
    case Message: return tr("Details");
    default: return {};
    }
}

QVariant RunEventsModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) {
        return {};
    }
    const Row &row = m_rows[size_t(index.row())];
    if (role == Qt::UserRole) {
        return index.column() == Kind ? QVariant(QString::fromStdString(row.event.kind)) : QVariant(row.runId);
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) {
        return {};
    }
    switch (index.column()) {
    case Time: // "2024-05-01T12:00:00.000Z" -> "12:00:00"
        return QString::fromStdString(row.event.createdAt.size() >= 19 ? row.event.createdAt.substr(11, 8)
                                                                       : row.event.createdAt);
    case Run: {
        storage::RunSummary run;
        run.id = row.runId;
        run.strategy = row.strategy;
        return RoundCharts::runLabel(run);
    }
    case Kind: return kindText(row.event.kind);
    case Message: return QString::fromStdString(row.event.message);
    default: return {};
    }
}

} // namespace fp::ui
