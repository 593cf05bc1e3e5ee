#include "models/EstimateModel.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

#include <algorithm>

namespace fp::ui {
namespace {

QString number(double value, int decimals = 1) { return QLocale().toString(value, 'f', decimals); }

} // namespace

EstimateModel::EstimateModel(QObject *parent) : QAbstractTableModel(parent) {}

void EstimateModel::setEstimate(engine::TrialEstimate estimate, std::vector<engine::SiteClientCounts> sites) {
    beginResetModel();
    m_estimate = std::move(estimate);
    m_sites = std::move(sites);
    endResetModel();
}

void EstimateModel::retranslate() {
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, Count - 1);
    if (rowCount() > 0) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, Count - 1));
    }
}

int EstimateModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_estimate.strategies.size());
}

int EstimateModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : Count; }

QVariant EstimateModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Strategy: return tr("Strategy");
    case ClientsPerRound: return tr("Clients / round");
    case SamplesOffered: return tr("Samples held / round");
    case SamplesTrained: return tr("Samples trained / round");
    case DataUsed: return tr("Data used");
    case Bytes: return tr("Bytes (run)");
    case Seconds: return tr("Compute (run)");
    case Cost: return tr("Cost (run)");
    default: return {};
    }
}

QVariant EstimateModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const auto &row = m_estimate.strategies[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole: return display(row, index.column());
    case Qt::UserRole: return raw(row, index.column());
    case Qt::TextAlignmentRole:
        return index.column() == Strategy ? QVariant() : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    case Qt::ForegroundRole:
        return row.starved && index.column() == SamplesTrained ? QVariant(QBrush(QColor(0xb0, 0x00, 0x20)))
                                                               : QVariant();
    case Qt::ToolTipRole:
        if (index.column() == SamplesTrained &&
            (row.method == engine::SelectionStrategy::FedHds || row.method == engine::SelectionStrategy::Random)) {
            return tr("At most one sample per global cluster of the round's %1 expected group centers.")
                .arg(number(row.groupsPerRound));
        }
        return {};
    default: return {};
    }
}

QVariant EstimateModel::display(const engine::StrategyEstimate &row, int column) const {
    const QLocale locale;
    const bool calibrated = m_estimate.calibrated;
    switch (column) {
    case Strategy: return QString::fromStdString(row.name);
    case ClientsPerRound: return number(row.clientsPerRound);
    case SamplesOffered: return number(row.samplesOffered, 0);
    case SamplesTrained: return number(row.samplesTrained, 1);
    case DataUsed:
        return row.samplesOffered > 0 ? tr("%1 %").arg(number(100.0 * row.samplesTrained / row.samplesOffered, 2))
                                      : QStringLiteral("—");
    case Bytes: return calibrated ? locale.formattedDataSize(row.bytes) : QStringLiteral("—");
    case Seconds: return calibrated ? tr("%1 s").arg(number(row.computeSeconds, 1)) : QStringLiteral("—");
    case Cost: return calibrated ? number(row.cost, 4) : QStringLiteral("—");
    default: return {};
    }
}

QVariant EstimateModel::raw(const engine::StrategyEstimate &row, int column) const {
    switch (column) {
    case Strategy: return QString::fromStdString(row.name);
    case ClientsPerRound: return row.clientsPerRound;
    case SamplesOffered: return row.samplesOffered;
    case SamplesTrained: return row.samplesTrained;
    case DataUsed: return row.samplesOffered > 0 ? row.samplesTrained / row.samplesOffered : 0.0;
    case Bytes: return qlonglong(row.bytes);
    case Seconds: return row.computeSeconds;
    case Cost: return row.cost;
    default: return {};
    }
}

QStringList EstimateModel::warnings() const {
    QStringList lines;
    for (const auto &row : m_estimate.strategies) {
        if (!row.starved) {
            continue;
        }
        const QString name = QString::fromStdString(row.name);
        if (row.starvedAtServer) {
            lines
                << tr("%1 would train on almost nothing: %2 samples per round. Its %3 clients per round send about %4 "
                      "group centers, too few for the server's clustering (server_min_cluster_size %5). Set "
                      "schedule.participation to %6 or more.")
                       .arg(name, number(row.samplesTrained, 2), number(row.clientsPerRound, 0),
                            number(row.groupsPerRound, 1))
                       .arg(row.serverMinClusterSize)
                       .arg(number(row.suggestedParticipation, 3));
            continue;
        }
        QString line = tr("%1 would train on almost nothing: %2 samples per round. Its clients hold about %3 samples "
                          "(median), too few for groups of min_cluster_size %4.")
                           .arg(name, number(row.samplesTrained, 2))
                           .arg(row.medianClientSamples)
                           .arg(row.minClusterSize);
        if (row.suggestedMinClusterSize > 0) {
            line += QLatin1Char(' ') + tr("Set selection.min_cluster_size to %1, or split the sites into at most %2 "
                                          "clients in all.")
                                           .arg(row.suggestedMinClusterSize)
                                           .arg(row.suggestedMaxClients);
        } else {
            line += QLatin1Char(' ') +
                    tr("Split the sites into at most %1 clients in all (partition.clients), so that each holds "
                       "enough samples for about two groups.")
                        .arg(row.suggestedMaxClients);
        }
        lines << line;
    }
    return lines;
}

QStringList EstimateModel::clientsPreview() const {
    QStringList lines;
    for (const auto &site : m_sites) {
        const QString name = QString::fromStdString(site.site);
        if (site.remote) {
            lines << tr("%1: an agent holds the data and its clients (not estimated here)").arg(name);
            continue;
        }
        int64_t total = 0;
        for (int64_t n : site.samples) {
            total += n;
        }
        const auto [low, high] = std::minmax_element(site.samples.begin(), site.samples.end());
        lines << tr("%1: %n client(s), %2 training samples (per client %3 to %4), %5 held out", nullptr,
                    int(site.samples.size()))
                     .arg(name)
                     .arg(total)
                     .arg(site.samples.empty() ? 0 : *low)
                     .arg(site.samples.empty() ? 0 : *high)
                     .arg(site.heldOut);
    }
    return lines;
}

QString EstimateModel::calibrationText() const {
    if (!m_estimate.calibrated) {
        return tr("Bytes, compute and cost need a calibration: press Calibrate to time the trial's model on this "
                  "machine.");
    }
    const auto &c = m_estimate.calibration;
    return tr("Calibrated on this machine: %1 s/sample for features, %2 s/sample for training (%3 and %4 samples "
              "timed, %n thread(s)); adapter %5 each way. Clustering time is not included.",
              nullptr, c.threads)
        .arg(number(c.featureSecondsPerSample, 4), number(c.trainSecondsPerSample, 4))
        .arg(c.featureSamples)
        .arg(c.trainSamples)
        .arg(QLocale().formattedDataSize(c.adapterBytes));
}

} // namespace fp::ui
