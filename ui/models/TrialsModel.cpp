#include "models/TrialsModel.h"

#include "models/RunStatus.h"

#include <QDateTime>
#include <QLocale>

namespace fp::ui {
namespace {

// Internal ids: 0 marks a trial row; a run row carries its trial's row + 1.
constexpr quintptr kTrialRow = 0;

} // namespace

TrialsModel::TrialsModel(QObject *parent) : QAbstractItemModel(parent) {}

bool TrialsModel::sameShape(const std::vector<storage::TrialSummary> &trials) const {
    if (trials.size() != m_trials.size()) {
        return false;
    }
    for (size_t t = 0; t < trials.size(); ++t) {
        const auto &a = trials[t], &b = m_trials[t];
        if (a.id != b.id || a.runs.size() != b.runs.size()) {
            return false;
        }
        for (size_t r = 0; r < a.runs.size(); ++r) {
            if (a.runs[r].id != b.runs[r].id) {
                return false;
            }
        }
    }
    return true;
}

void TrialsModel::setTrials(std::vector<storage::TrialSummary> trials) {
    if (!sameShape(trials)) {
        beginResetModel();
        m_trials = std::move(trials);
        endResetModel();
        return;
    }
    m_trials = std::move(trials);
    if (m_trials.empty()) {
        return;
    }
    Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, Count - 1));
    for (int t = 0; t < rowCount(); ++t) {
        const QModelIndex parent = index(t, 0);
        if (const int runs = rowCount(parent); runs > 0) {
            Q_EMIT dataChanged(index(0, 0, parent), index(runs - 1, Count - 1, parent));
        }
    }
}

const storage::TrialSummary *TrialsModel::trialAt(const QModelIndex &index) const {
    if (!index.isValid() || index.model() != this) {
        return nullptr;
    }
    const quintptr id = index.internalId();
    const size_t row = id == kTrialRow ? size_t(index.row()) : size_t(id - 1);
    return row < m_trials.size() ? &m_trials[row] : nullptr;
}

const storage::TrialRun *TrialsModel::runAt(const QModelIndex &index) const {
    if (!index.isValid() || index.internalId() == kTrialRow) {
        return nullptr;
    }
    const auto *trial = trialAt(index);
    return trial && size_t(index.row()) < trial->runs.size() ? &trial->runs[size_t(index.row())] : nullptr;
}

QModelIndex TrialsModel::indexOf(qint64 trialId, qint64 runId) const {
    for (size_t t = 0; t < m_trials.size(); ++t) {
        if (m_trials[t].id != trialId) {
            continue;
        }
        const QModelIndex trial = index(int(t), 0);
        if (runId == 0) {
            return trial;
        }
        for (size_t r = 0; r < m_trials[t].runs.size(); ++r) {
            if (m_trials[t].runs[r].id == runId) {
                return index(int(r), 0, trial);
            }
        }
    }
    return {};
}

QModelIndex TrialsModel::index(int row, int column, const QModelIndex &parent) const {
    if (!hasIndex(row, column, parent)) {
        return {};
    }
    if (!parent.isValid()) {
        return createIndex(row, column, kTrialRow);
    }
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex TrialsModel::parent(const QModelIndex &child) const {
    if (!child.isValid() || child.internalId() == kTrialRow) {
        return {};
    }
    return createIndex(int(child.internalId() - 1), 0, kTrialRow);
}

int TrialsModel::rowCount(const QModelIndex &parent) const {
    if (!parent.isValid()) {
        return int(m_trials.size());
    }
    if (parent.internalId() != kTrialRow || parent.column() != 0) {
        return 0;
    }
    return size_t(parent.row()) < m_trials.size() ? int(m_trials[size_t(parent.row())].runs.size()) : 0;
}

int TrialsModel::columnCount(const QModelIndex &) const { return Count; }

QVariant TrialsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Name: return tr("Trial / run");
    case Strategy: return tr("Strategy");
    case Status: return tr("Status");
    case Rounds: return tr("Rounds");
    case Created: return tr("Created");
    default: return {};
    }
}

QVariant TrialsModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const auto *trial = trialAt(index);
    if (!trial) {
        return {};
    }
    if (const auto *run = runAt(index)) {
        return runData(*trial, *run, index.column(), role);
    }
    return trialData(*trial, index.column(), role);
}

QVariant TrialsModel::trialData(const storage::TrialSummary &trial, int column, int role) const {
    switch (role) {
    case TrialIdRole: return qlonglong(trial.id);
    case RunIdRole: return qlonglong(0);
    case Qt::DisplayRole:
        switch (column) {
        case Name: return QString::fromStdString(trial.name);
        case Strategy: return tr("%n run(s)", nullptr, int(trial.runs.size()));
        case Created: {
            const QDateTime created = QDateTime::fromString(QString::fromStdString(trial.createdAt), Qt::ISODateWithMs);
            return created.isValid() ? QLocale().toString(created.toLocalTime(), QLocale::ShortFormat)
                                     : QString::fromStdString(trial.createdAt);
        }
        default: return {};
        }
    case Qt::ToolTipRole: return column == Name ? QString::fromStdString(trial.source.baseDir) : QVariant();
    default: return {};
    }
}

QVariant TrialsModel::runData(const storage::TrialSummary &trial, const storage::TrialRun &run, int column,
                              int role) const {
    switch (role) {
    case TrialIdRole: return qlonglong(trial.id);
    case RunIdRole: return qlonglong(run.id);
    case StatusRole: return QString::fromStdString(run.status);
    case Qt::DisplayRole:
        switch (column) {
        case Name: return tr("Run %1").arg(run.id);
        case Strategy: return QString::fromStdString(run.strategy);
        case Status: return runStatusText(run.status);
        case Rounds: return QString::fromStdString(runSummaryFormat().rounds(run.completedRounds, run.plannedRounds));
        default: return {};
        }
    case Qt::TextAlignmentRole:
        return column == Rounds ? QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    default: return {};
    }
}

void TrialsModel::retranslate() {
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, Count - 1);
    const int rows = rowCount();
    if (rows == 0) {
        return;
    }
    Q_EMIT dataChanged(index(0, 0), index(rows - 1, Count - 1), {Qt::DisplayRole, Qt::ToolTipRole});
    for (int row = 0; row < rows; ++row) {
        const QModelIndex trial = index(row, 0);
        if (const int runs = rowCount(trial); runs > 0) {
            Q_EMIT dataChanged(index(0, 0, trial), index(runs - 1, Count - 1, trial),
                               {Qt::DisplayRole, Qt::ToolTipRole});
        }
    }
}

} // namespace fp::ui
