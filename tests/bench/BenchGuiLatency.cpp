// How responsive the console stays while it runs the demo trial. It builds the real window (offscreen unless
// QT_QPA_PLATFORM says otherwise) on a new workspace, imports resources/demo/ni-two-sites.json on the Trials page,
// presses Start and, until the trial ends, samples the GUI event loop with a precise 10 ms timer: each tick's
// lateness (time since the previous tick minus the interval) is how long the GUI thread could not react. Prints
// p50/p99/max lateness and the longest stalls with the run's phase at that moment. The target is p99 under 50 ms.
// A benchmark, never a pass/fail test: the figures depend on the machine and its load.
//
//   build/tests/fp_bench_gui_latency [--trial FILE] [--workspace DIR] [--interval-ms 10] [--threads N]
#include "RunnerTrialExecutor.h"

#include "pages/TrialsPage.h"
#include "run/RunController.h"

#include "fedpilot/runner/TrialRunner.h"
#include "fedpilot/ui/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

struct Stall {
    double lateMs = 0;
    double atSeconds = 0;
    QString phase;
};

double percentile(std::vector<double> sorted, double p) {
    if (sorted.empty()) {
        return 0;
    }
    std::sort(sorted.begin(), sorted.end());
    const auto rank = size_t(std::clamp(p * double(sorted.size() - 1) + 0.5, 0.0, double(sorted.size() - 1)));
    return sorted[rank];
}

} // namespace

int main(int argc, char **argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("fedpilot-bench")); // keep the user's window settings apart
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption trialOption(QStringLiteral("trial"), QStringLiteral("Trial file (default: the demo)."),
                                         QStringLiteral("FILE"),
                                         QStringLiteral(FP_SOURCE_DIR "/resources/demo/ni-two-sites.json"));
    const QCommandLineOption workspaceOption(QStringLiteral("workspace"),
                                             QStringLiteral("New workspace folder (default: a temporary one)."),
                                             QStringLiteral("DIR"));
    const QCommandLineOption intervalOption(QStringLiteral("interval-ms"), QStringLiteral("Sampling interval."),
                                            QStringLiteral("MS"), QStringLiteral("10"));
    const QCommandLineOption threadsOption(QStringLiteral("threads"),
                                           QStringLiteral("Intra-op threads of the run (0: automatic)."),
                                           QStringLiteral("N"), QStringLiteral("0"));
    parser.addOptions({trialOption, workspaceOption, intervalOption, threadsOption});
    parser.process(app);
    fp::runner::ensureSharedDirVariable();

    QTemporaryDir scratch;
    const QString workspace =
        parser.isSet(workspaceOption) ? parser.value(workspaceOption) : scratch.filePath(QStringLiteral("ws"));
    fp::ui::MainWindow window(std::make_shared<fp::app::RunnerTrialExecutor>(parser.value(threadsOption).toInt()));
    window.setPrompts({[](const QString &, const QString &) { return true; }, [](const QString &, const QString &) {},
                       [](const QString &) { return QString(); }});
    if (!window.newWorkspace(workspace)) {
        std::fprintf(stderr, "cannot create the workspace %s\n", qPrintable(workspace));
        return 1;
    }
    window.show();
    auto *page = window.findChild<fp::ui::TrialsPage *>(QStringLiteral("page.trials"));
    auto *start = page->findChild<QPushButton *>(QStringLiteral("trials.start"));
    auto *controller = page->runController();

    const int interval = std::max(1, parser.value(intervalOption).toInt());
    std::vector<double> lateness;
    std::vector<Stall> stalls;
    QString phase = QStringLiteral("loading");
    QElapsedTimer clock;
    QElapsedTimer sinceTick;
    QTimer sampler;
    sampler.setTimerType(Qt::PreciseTimer);
    sampler.setInterval(interval);
    QObject::connect(&sampler, &QTimer::timeout, [&] {
        const double late = std::max(0.0, double(sinceTick.nsecsElapsed()) / 1e6 - interval);
        sinceTick.restart();
        lateness.push_back(late);
        stalls.push_back({late, double(clock.elapsed()) / 1000.0, phase});
        std::partial_sort(stalls.begin(), stalls.begin() + std::min<ptrdiff_t>(5, ptrdiff_t(stalls.size())),
                          stalls.end(), [](const Stall &a, const Stall &b) { return a.lateMs > b.lateMs; });
        stalls.resize(std::min<size_t>(stalls.size(), 5));
    });
    QObject::connect(controller, &fp::ui::RunController::progressed, &app,
                     [&](qint64 run, int round, int, const QString &p, int, int) {
                         phase = QStringLiteral("run %1 round %2 %3").arg(run).arg(round).arg(p);
                     });
    QObject::connect(controller, &fp::ui::RunController::roundCommitted, &app, [&](qint64 run, int round) {
        phase = QStringLiteral("run %1 round %2 committed").arg(run).arg(round);
    });
    int rc = 0;
    QObject::connect(controller, &fp::ui::RunController::finished, &app,
                     [&](bool ok, bool, const QString &message, bool) {
                         sampler.stop();
                         if (!ok) {
                             std::fprintf(stderr, "the trial did not complete: %s\n", qPrintable(message));
                             rc = 1;
                         }
                         QTimer::singleShot(0, &app, &QApplication::quit);
                     });
    // Import, wait for the trial to be listed and selected, then press Start as a user would.
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, [&] {
        if (!start->isEnabled()) {
            return;
        }
        poll.stop();
        clock.start();
        sinceTick.start();
        sampler.start();
        start->click();
        if (!page->isRunning()) {
            std::fprintf(stderr, "Start did not start the trial\n");
            rc = 1;
            QApplication::quit();
        }
    });
    window.importTrialUnlessPresent(parser.value(trialOption));
    poll.start(50);
    QApplication::exec();
    if (lateness.empty()) {
        return rc ? rc : 1;
    }
    std::printf("GUI event-loop lateness over %.1f s of the trial (%zu samples every %d ms, %s)\n",
                double(clock.elapsed()) / 1000.0, lateness.size(), interval, qPrintable(QApplication::platformName()));
    std::printf("  p50 %.1f ms   p99 %.1f ms   max %.1f ms   (target: p99 < 50 ms)\n", percentile(lateness, 0.50),
                percentile(lateness, 0.99), *std::max_element(lateness.begin(), lateness.end()));
    std::printf("  longest stalls:\n");
    for (const Stall &s : stalls) {
        std::printf("    %7.1f ms at %6.1f s (%s)\n", s.lateMs, s.atSeconds, qPrintable(s.phase));
    }
    return rc;
}
