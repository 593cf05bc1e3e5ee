#include "models/TrialEstimator.h"

#include <QtConcurrent/QtConcurrentRun>

namespace fp::ui {

TrialEstimator::TrialEstimator(QObject *parent) : QObject(parent) {
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, [this] {
        const Outcome outcome = m_watcher.result();
        if (!outcome.error.empty()) {
            Q_EMIT failed(QString::fromStdString(outcome.error));
        } else {
            Q_EMIT finished(outcome.estimate, outcome.sites);
        }
    });
}

TrialEstimator::~TrialEstimator() {
    m_cancelled->store(true);
    m_watcher.waitForFinished();
}

bool TrialEstimator::start(const engine::TrialSpec &trial, bool calibrate) {
    if (m_watcher.isRunning()) {
        return false;
    }
    m_watcher.setFuture(QtConcurrent::run([trial, calibrate, cancelled = m_cancelled]() -> Outcome {
        Outcome outcome;
        auto sites = engine::countTrialClients(trial, nullptr);
        if (!sites) {
            outcome.error = sites.error().message;
            return outcome;
        }
        std::optional<engine::ComputeCalibration> calibration;
        if (calibrate) {
            auto measured = engine::calibrateCompute(trial, 16, 0, [cancelled] { return cancelled->load(); });
            if (!measured) {
                outcome.error = measured.error().message;
                return outcome;
            }
            calibration = *measured;
        }
        outcome.estimate = engine::estimateTrial(trial, *sites, calibration);
        outcome.sites = std::move(*sites);
        return outcome;
    }));
    return true;
}

} // namespace fp::ui
