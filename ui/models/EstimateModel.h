#pragma once

#include "fedpilot/engine/TrialEstimate.h"

#include <QAbstractTableModel>
#include <QStringList>

namespace fp::ui {

// A trial's estimate (engine::estimateTrial) as a table: one row per strategy. Display text is for people
// (translated units); Qt::UserRole gives the raw number. Bytes, seconds and cost show "—" until the estimate is
// calibrated on this machine.
class EstimateModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Strategy, ClientsPerRound, SamplesOffered, SamplesTrained, DataUsed, Bytes, Seconds, Cost, Count };

    explicit EstimateModel(QObject *parent = nullptr);

    void setEstimate(engine::TrialEstimate estimate, std::vector<engine::SiteClientCounts> sites);
    [[nodiscard]] const engine::TrialEstimate &estimate() const { return m_estimate; }

    // One warning per strategy that would train on (almost) nothing, with a value that works; empty when none.
    [[nodiscard]] QStringList warnings() const;
    // How many clients each site yields ("tokyo: 3 clients of 150 samples (min 150, max 150)"), one line per site.
    [[nodiscard]] QStringList clientsPreview() const;
    // Where bytes, seconds and cost come from ("calibrated on this machine: 0.0041 s/sample ..."), or why empty.
    [[nodiscard]] QString calibrationText() const;
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const engine::StrategyEstimate &row, int column) const;
    QVariant raw(const engine::StrategyEstimate &row, int column) const;

    engine::TrialEstimate m_estimate;
    std::vector<engine::SiteClientCounts> m_sites;
};

} // namespace fp::ui
