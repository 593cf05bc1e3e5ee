// fedpilot: the desktop console.
#include "RunnerTrialExecutor.h"

#include "fedpilot/engine/Runtime.h"
#include "fedpilot/remote/Agent.h"
#include "fedpilot/runner/TrialRunner.h"
#include "fedpilot/ui/ConsoleSettings.h"
#include "fedpilot/ui/Language.h"
#include "fedpilot/ui/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QStandardPaths>
#include <QTimer>

int main(int argc, char **argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("fedpilot"));
    QApplication::setApplicationVersion(QStringLiteral(FP_VERSION));
    QApplication::setOrganizationName(QStringLiteral("fedpilot"));
    // The language chosen in Settings, else the system's (Japanese when the locale is Japanese, else English).
    fp::ui::applyLanguage(fp::ui::ConsoleSettings::language());
    fp::engine::configureThreads(0);
    fp::runner::ensureSharedDirVariable(); // the demo trial's paths name ${FP_SHARED_DIR}

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("fedpilot: federated, data-efficient instruction tuning console"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption workspace(QStringLiteral("workspace"),
                                       QStringLiteral("The workspace folder to open (default: the default workspace "
                                                      "of Settings, else the last one opened)."),
                                       QStringLiteral("DIR"));
    parser.addOption(workspace);
    const QCommandLineOption page(
        QStringLiteral("page"),
        QStringLiteral("The page to open: trials, runs, compare, reports (default: the page shown last)."),
        QStringLiteral("NAME"));
    parser.addOption(page);
    const QCommandLineOption importTrial(
        QStringLiteral("import-trial"),
        QStringLiteral("A trial file to add to the workspace once it is open, unless it holds that trial already "
                       "(the same file text and folder; ./run.sh offers the demo trial this way)."),
        QStringLiteral("FILE"));
    parser.addOption(importTrial);
    parser.process(app);

    // Trials run through fp_runner (simulated sites and remote agents) on the Trials page's run thread; the
    // window sets its threads from Settings.
    fp::ui::MainWindow window(std::make_shared<fp::app::RunnerTrialExecutor>());
    window.addComponentVersion(QStringLiteral("gRPC"), QString::fromStdString(fp::remote::grpcVersion()));
    if (parser.isSet(page)) {
        window.showPage(QStringLiteral("page.") + parser.value(page));
    }
    window.show();
    // Once the window shows: opening may ask (create a workspace? upgrade an older one?).
    const QString dir = fp::ui::ConsoleSettings::startWorkspace(
        parser.value(workspace),
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/workspace"));
    const QString trialFile = parser.value(importTrial);
    QTimer::singleShot(0, &window, [&window, dir, trialFile] {
        if (window.openWorkspace(dir) && !trialFile.isEmpty()) {
            window.importTrialUnlessPresent(trialFile);
        }
    });
    // FP_QUIT_AFTER_MS lets scripts (screenshots, smoke tests) open the window and close it again.
    if (const QByteArray ms = qgetenv("FP_QUIT_AFTER_MS"); !ms.isEmpty()) {
        QTimer::singleShot(ms.toInt(), &app, &QApplication::quit);
    }
    return QApplication::exec();
}
