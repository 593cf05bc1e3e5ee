#include "models/RunStatus.h"

#include "fedpilot/storage/RunStore.h"

#include <QCoreApplication>

namespace fp::ui {

QString runStatusText(const std::string &status) {
    if (status == storage::kRunQueued) {
        return QCoreApplication::translate("fp::ui::RunStatus", "queued");
    }
    if (status == storage::kRunRunning) {
        return QCoreApplication::translate("fp::ui::RunStatus", "running");
    }
    if (status == storage::kRunCompleted) {
        return QCoreApplication::translate("fp::ui::RunStatus", "completed");
    }
    if (status == storage::kRunFailed) {
        return QCoreApplication::translate("fp::ui::RunStatus", "failed");
    }
    if (status == storage::kRunInterrupted) {
        return QCoreApplication::translate("fp::ui::RunStatus", "interrupted");
    }
    if (status == storage::kRunPaused) {
        return QCoreApplication::translate("fp::ui::RunStatus", "paused");
    }
    return QString::fromStdString(status);
}

QString runPhaseText(const QString &phase) {
    if (phase == QLatin1String("preparing")) {
        return QCoreApplication::translate("fp::ui::RunStatus", "selecting data");
    }
    if (phase == QLatin1String("training")) {
        return QCoreApplication::translate("fp::ui::RunStatus", "training");
    }
    if (phase == QLatin1String("aggregating")) {
        return QCoreApplication::translate("fp::ui::RunStatus", "aggregating");
    }
    if (phase == QLatin1String("evaluating")) {
        return QCoreApplication::translate("fp::ui::RunStatus", "evaluating");
    }
    if (phase == QLatin1String("recording")) {
        return QCoreApplication::translate("fp::ui::RunStatus", "recording");
    }
    return phase;
}

} // namespace fp::ui
