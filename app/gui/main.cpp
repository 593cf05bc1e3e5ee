// fedpilot: the desktop console.
#include "RunnerTrialExecutor.h"

#include "fedpilot/engine/Runtime.h"
#include "fedpilot/runner/TrialRunner.h"
#include "fedpilot/ui/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QStandardPaths>
#include <QTimer>
#include <QTranslator>

int main(int argc, char **argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("fedpilot"));
    QApplication::setApplicationVersion(QStringLiteral(FP_VERSION));
    QApplication::setOrganizationName(QStringLiteral("fedpilot"));

    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QApplication::installTranslator(&qtTranslator);
    }
    // The console's own strings: Japanese when the locale asks for it (embedded by fp_ui), English otherwise.
    QTranslator appTranslator;
    if (appTranslator.load(QLocale(), QStringLiteral("fedpilot"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QApplication::installTranslator(&appTranslator);
    }
    fp::engine::configureThreads(0);
    fp::runner::ensureSharedDirVariable(); // the demo trial's paths name ${FP_SHARED_DIR}

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("fedpilot: federated, data-efficient instruction tuning console"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption workspace(
        QStringLiteral("workspace"), QStringLiteral("The workspace folder to open."), QStringLiteral("DIR"),
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/workspace"));
    parser.addOption(workspace);
    const QCommandLineOption page(QStringLiteral("page"),
                                  QStringLiteral("The page to open: trials, runs, compare, reports."),
                                  QStringLiteral("NAME"), QStringLiteral("trials"));
    parser.addOption(page);
    parser.process(app);

    // Trials run through fp_runner (simulated sites and remote agents) on the Trials page's run thread.
    fp::ui::MainWindow window(parser.value(workspace), std::make_shared<fp::app::RunnerTrialExecutor>());
    window.showPage(QStringLiteral("page.") + parser.value(page));
    window.show();
    // FP_QUIT_AFTER_MS lets scripts (screenshots, smoke tests) open the window and close it again.
    if (const QByteArray ms = qgetenv("FP_QUIT_AFTER_MS"); !ms.isEmpty()) {
        QTimer::singleShot(ms.toInt(), &app, &QApplication::quit);
    }
    return QApplication::exec();
}
