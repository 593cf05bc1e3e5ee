#include "models/MonitorRunsModel.h"

#include "models/RunStatus.h"

#include <algorithm>

namespace fp::ui {

MonitorRunsModel::MonitorRunsModel(QObject *parent) : QAbstractTableModel(parent) {}

void MonitorRunsModel::setRuns(std::vector<storage::RunSummary> runs) {
    const bool sameRows = std::equal(runs.begin(), runs.end(), m_runs.begin(), m_runs.end(),
                                     [](const auto &a, const auto &b) { return a.id == b.id; });
    if (!sameRows) {
        beginResetModel();
        m_runs = std::move(runs);
        endResetModel();
        return;
    }
    m_runs = std::move(runs);
    if (!m_runs.empty()) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, Count - 1));
    }
}

void MonitorRunsModel::setProgress(qint64 runId, int round, int rounds, const QString &phase, int done, int total) {
    m_progress[runId] = {round, rounds, phase, done, total};
    for (int row = 0; row < rowCount(); ++row) {
        if (m_runs[size_t(row)].id == runId) {
            Q_EMIT dataChanged(index(row, Now), index(row, Now));
        }
    }
}

void MonitorRunsModel::retranslate() {
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, Count - 1);
    if (!m_runs.empty()) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, Count - 1));
    }
}

int MonitorRunsModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_runs.size()); }

int MonitorRunsModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(Count); }

QVariant MonitorRunsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Run: return tr("Run");
    case Strategy: return tr("Strategy");
    case Status: return tr("Status");
    case Rounds: return tr("Rounds");
    case Now: return tr("Now");
    case RougeL: return tr("Rouge-L");
    case Cost: return tr("Cost");
    default: return {};
    }
}

QString MonitorRunsModel::nowText(const storage::RunSummary &run) const {
    if (run.status != storage::kRunRunning) {
        return QStringLiteral("–");
    }
    const auto it = m_progress.constFind(run.id);
    if (it == m_progress.constEnd() || it->round <= run.completedRounds) {
        // Another process (the CLI) runs it, or this one has not reported the next round yet: only storage is known.
        return tr("round %1 of %2").arg(run.completedRounds + 1).arg(run.plannedRounds);
    }
    QString text = tr("round %1 of %2: %3").arg(it->round).arg(it->rounds).arg(runPhaseText(it->phase));
    if (it->total > 0) {
        text = tr("%1 (%2/%3)", "phase (done/total)").arg(text).arg(it->done).arg(it->total);
    }
    return text;
}

QVariant MonitorRunsModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) {
        return {};
    }
    const auto &run = m_runs[size_t(index.row())];
    if (role == Qt::CheckStateRole && index.column() == Run) {
        return m_hidden.contains(run.id) ? Qt::Unchecked : Qt::Checked;
    }
    if (role == Qt::UserRole) {
        return qint64(run.id);
    }
    if (role == Qt::ToolTipRole && index.column() == Run) {
        return tr("Checked runs are drawn in the charts.");
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (index.column()) {
    case Run: return QString::number(run.id);
    case Strategy: return QString::fromStdString(run.strategy);
    case Status: return runStatusText(run.status);
    case Rounds: return QStringLiteral("%1/%2").arg(run.completedRounds).arg(run.plannedRounds);
    case Now: return nowText(run);
    case RougeL:
        return run.lastRougeL ? QStringLiteral("%1 %").arg(100.0 * *run.lastRougeL, 0, 'f', 2) : QStringLiteral("–");
    case Cost: return QString::number(run.cost, 'f', 4);
    default: return {};
    }
}

bool MonitorRunsModel::setData(const QModelIndex &index, const QVariant &value, int role) {
    if (!index.isValid() || index.column() != Run || role != Qt::CheckStateRole || index.row() >= rowCount()) {
        return false;
    }
    const qint64 id = m_runs[size_t(index.row())].id;
    if (value.value<Qt::CheckState>() == Qt::Checked) {
        m_hidden.remove(id);
    } else {
        m_hidden.insert(id);
    }
    Q_EMIT dataChanged(index, index, {Qt::CheckStateRole});
    Q_EMIT shownRunsChanged();
    return true;
}

Qt::ItemFlags MonitorRunsModel::flags(const QModelIndex &index) const {
    if (!index.isValid()) {
        return Qt::NoItemFlags;
    }
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    return index.column() == Run ? f | Qt::ItemIsUserCheckable : f;
}

} // namespace fp::ui
