// fedpilot: the desktop console.
#include "RunnerTrialExecutor.h"

#include "fedpilot/engine/Runtime.h"
#include "fedpilot/remote/Agent.h"
#include "fedpilot/runner/DemoWorkspace.h"
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
    const QCommandLineOption workspace(
        QStringLiteral("workspace"),
        QStringLiteral("The workspace folder to open (default: the default workspace "
                       "of Settings, else the last one opened, else the demo workspace in the user's data folder)."),
        QStringLiteral("DIR"));
    parser.addOption(workspace);
    const QCommandLineOption page(
        QStringLiteral("page"),
        QStringLiteral("The page to open: trials, monitor, runs, compare, reports, inspector (default: the page "
                       "shown last)."),
        QStringLiteral("NAME"));
    parser.addOption(page);
    const QCommandLineOption editTrial(QStringLiteral("edit-trial"),
                                       QStringLiteral("Open the trial editor on a trial file (JSON)."),
                                       QStringLiteral("FILE"));
    parser.addOption(editTrial);
    const QCommandLineOption estimate(
        QStringLiteral("estimate"),
        QStringLiteral("With --edit-trial: show the estimate per strategy, calibrated on this machine."));
    parser.addOption(estimate);
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
    // The first start (no --workspace, no default workspace, nothing opened before) opens the demo workspace in the
    // user's data folder (~/.local/share/fedpilot/fedpilot/demo), set up with the demo trial when it holds no
    // workspace yet: the Trials page then lists the demo trial, ready to start, also from the desktop menu on a
    // machine without the source tree (the package ships the demo's model and data).
    const QString demo = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/demo");
    const QString dir = fp::ui::ConsoleSettings::startWorkspace(parser.value(workspace), demo);
    if (dir == demo) {
        if (auto ok = fp::runner::setUpDemoWorkspace(demo.toStdString()); !ok) {
            // The window then asks before creating an empty workspace there.
            qWarning("fedpilot: cannot set up the demo workspace in %s: %s", qPrintable(demo),
                     ok.error().message.c_str());
        }
    }
    // Once the window shows: opening may ask (create a workspace? upgrade an older one?).
    const QString trialFile = parser.value(importTrial);
    QTimer::singleShot(0, &window, [&window, &parser, &editTrial, &estimate, dir, trialFile] {
        if (window.openWorkspace(dir) && !trialFile.isEmpty()) {
            window.importTrialUnlessPresent(trialFile);
        }
        if (parser.isSet(editTrial)) {
            window.editTrialFile(parser.value(editTrial), parser.isSet(estimate));
        }
    });
    // FP_QUIT_AFTER_MS lets scripts (screenshots, smoke tests) open the window and close it again.
    if (const QByteArray ms = qgetenv("FP_QUIT_AFTER_MS"); !ms.isEmpty()) {
        QTimer::singleShot(ms.toInt(), &app, &QApplication::quit);
    }
    return QApplication::exec();
}
