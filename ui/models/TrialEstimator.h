#pragma once

#include "fedpilot/engine/TrialEstimate.h"

#include <QFutureWatcher>
#include <QObject>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace fp::ui {

// Computes a trial's estimate off the GUI thread: reads and splits the sites' data (engine::countTrialClients)
// and, when asked, calibrates the model on this machine (engine::calibrateCompute), then engine::estimateTrial.
class TrialEstimator : public QObject {
    Q_OBJECT
public:
    explicit TrialEstimator(QObject *parent = nullptr);
    ~TrialEstimator() override;

    // Starts; a request while one runs is refused (returns false).
    bool start(const engine::TrialSpec &trial, bool calibrate);
    [[nodiscard]] bool isRunning() const { return m_watcher.isRunning(); }

Q_SIGNALS:
    void finished(const engine::TrialEstimate &estimate, const std::vector<engine::SiteClientCounts> &sites);
    void failed(const QString &message);

private:
    struct Outcome {
        engine::TrialEstimate estimate;
        std::vector<engine::SiteClientCounts> sites;
        std::string error;
    };
    QFutureWatcher<Outcome> m_watcher;
    // Set when the estimator goes away: a calibration in progress stops between its steps.
    std::shared_ptr<std::atomic<bool>> m_cancelled = std::make_shared<std::atomic<bool>>(false);
};

} // namespace fp::ui
