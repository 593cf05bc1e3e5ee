#include "models/RunsTableModel.h"

#include "models/RunStatus.h"

namespace fp::ui {

RunsTableModel::RunsTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void RunsTableModel::setRuns(std::vector<storage::RunSummary> runs) {
    beginResetModel();
    m_runs = std::move(runs);
    endResetModel();
}

int RunsTableModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_runs.size()); }

int RunsTableModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(Count); }

QVariant RunsTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Id: return tr("Run");
    case Trial: return tr("Trial");
    case Strategy: return tr("Strategy");
    case Status: return tr("Status");
    case Rounds: return tr("Rounds");
    case RougeL: return tr("Rouge-L");
    case DataUsed: return tr("Data used");
    case Bytes: return tr("Bytes moved");
    case SelectionBytes: return tr("Selection bytes");
    case Seconds: return tr("Seconds");
    case Cost: return tr("Cost");
    default: return {};
    }
}

QVariant RunsTableModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) {
        return {};
    }
    const auto &run = m_runs[size_t(index.row())];
    if (role == Qt::DisplayRole) {
        return display(run, index.column());
    }
    if (role == Qt::UserRole) {
        return raw(run, index.column());
    }
    if (role == Qt::TextAlignmentRole && index.column() != Trial && index.column() != Strategy &&
        index.column() != Status) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant RunsTableModel::display(const storage::RunSummary &run, int column) const {
    const storage::RunSummaryFormat format = runSummaryFormat();
    switch (column) {
    case Status: return QString::fromStdString(format.status(run.status));
    case Rounds: return QString::fromStdString(format.rounds(run.completedRounds, run.plannedRounds));
    case RougeL: return QString::fromStdString(format.percent(run.lastRougeL));
    case DataUsed: return QString::fromStdString(format.percent(run.dataFraction()));
    case Bytes: return QString::fromStdString(format.bytes(run.bytesDown + run.bytesUp));
    case SelectionBytes: return QString::fromStdString(format.bytes(run.selectionBytes));
    case Seconds: return QString::fromStdString(format.seconds(run.seconds));
    case Cost: return QString::fromStdString(format.cost(run.cost));
    default: return raw(run, column);
    }
}

QVariant RunsTableModel::raw(const storage::RunSummary &run, int column) const {
    switch (column) {
    case Id: return qlonglong(run.id);
    case Trial: return QString::fromStdString(run.trial);
    case Strategy: return QString::fromStdString(run.strategy);
    case Status: return QString::fromStdString(run.status);
    case Rounds: return run.completedRounds;
    case RougeL: return run.lastRougeL ? QVariant(*run.lastRougeL) : QVariant();
    case DataUsed: return run.dataFraction();
    case Bytes: return qlonglong(run.bytesDown + run.bytesUp);
    case SelectionBytes: return qlonglong(run.selectionBytes);
    case Seconds: return run.seconds;
    case Cost: return run.cost;
    default: return {};
    }
}

void RunsTableModel::retranslate() {
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, Count - 1);
    const int rows = rowCount();
    if (rows == 0) {
        return;
    }
    Q_EMIT dataChanged(index(0, 0), index(rows - 1, Count - 1), {Qt::DisplayRole, Qt::ToolTipRole});
}

} // namespace fp::ui
