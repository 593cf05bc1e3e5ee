// fedpilot: the desktop console.
#include "fedpilot/engine/Runtime.h"
#include "fedpilot/ui/MainWindow.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
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
    fp::engine::configureThreads(0);

    fp::ui::MainWindow window;
    window.show();
    // FP_QUIT_AFTER_MS lets scripts (screenshots, smoke tests) open the window and close it again.
    if (const QByteArray ms = qgetenv("FP_QUIT_AFTER_MS"); !ms.isEmpty()) {
        QTimer::singleShot(ms.toInt(), &app, &QApplication::quit);
    }
    return QApplication::exec();
}
