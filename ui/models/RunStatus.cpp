#include "models/RunStatus.h"

#include <QCoreApplication>

namespace fp::ui {

namespace {

std::string utf8(const QString &text) { return text.toStdString(); }

} // namespace

storage::RunSummaryFormat runSummaryFormat() {
    storage::SummaryWords words;
    words.queued = utf8(QCoreApplication::translate("fp::ui::RunStatus", "queued"));
    words.running = utf8(QCoreApplication::translate("fp::ui::RunStatus", "running"));
    words.completed = utf8(QCoreApplication::translate("fp::ui::RunStatus", "completed"));
    words.failed = utf8(QCoreApplication::translate("fp::ui::RunStatus", "failed"));
    words.interrupted = utf8(QCoreApplication::translate("fp::ui::RunStatus", "interrupted"));
    words.paused = utf8(QCoreApplication::translate("fp::ui::RunStatus", "paused"));
    words.none = "\u2013"; // an en dash: no figure
    words.percent = utf8(QCoreApplication::translate("fp::ui::RunStatus", "%1 %", "a percentage; %1 is the number"));
    words.bytes = {utf8(QCoreApplication::translate("fp::ui::RunStatus", "%1 B", "bytes")),
                   utf8(QCoreApplication::translate("fp::ui::RunStatus", "%1 kB", "kilobytes: 1000 bytes")),
                   utf8(QCoreApplication::translate("fp::ui::RunStatus", "%1 MB", "megabytes: 1000 kB")),
                   utf8(QCoreApplication::translate("fp::ui::RunStatus", "%1 GB", "gigabytes: 1000 MB")),
                   utf8(QCoreApplication::translate("fp::ui::RunStatus", "%1 TB", "terabytes: 1000 GB"))};
    return storage::RunSummaryFormat(std::move(words));
}

QString runStatusText(const std::string &status) { return QString::fromStdString(runSummaryFormat().status(status)); }

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
