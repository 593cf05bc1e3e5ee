// The console window as a product: menus and shortcuts, geometry and last page restored, workspaces opened
// only after asking (create, upgrade with a backup, refuse newer), recent workspaces, settings that persist and
// reach the runs, the language switched while the window is open, About and the status bar's run.
#include "RunnerTrialExecutor.h"
#include "dialogs/AboutDialog.h"
#include "dialogs/SettingsDialog.h"
#include "fedpilot/storage/RunStore.h"
#include "fedpilot/storage/Workspace.h"
#include "fedpilot/ui/ConsoleSettings.h"
#include "fedpilot/ui/Language.h"
#include "fedpilot/ui/MainWindow.h"
#include "models/WorkspaceTrials.h"
#include "run/RunController.h"
#include "widgets/RunStatusIndicator.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>

#include <sqlite3.h>

#include <memory>

using namespace fp;
using ui::ConsoleSettings;
using ui::MainWindow;

namespace {

// What the window asked and told, with scripted answers.
struct Conversation {
    bool answer = true;
    QString folder;
    QStringList questions;
    QStringList messages;

    MainWindow::Prompts prompts() {
        return {[this](const QString &, const QString &question) {
                    questions << question;
                    return answer;
                },
                [this](const QString &, const QString &message) { messages << message; },
                [this](const QString &) { return folder; }};
    }
};

QByteArray sha256Of(const QString &path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256) : "";
}

int userVersion(const QString &path) {
    sqlite3 *db = nullptr;
    sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    // The window's loaders read the workspace on worker threads; the last connection to close checkpoints the WAL
    // and holds the file briefly: wait for it rather than read "busy" as no version.
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt *stmt = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr);
    const int version = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : -1;
    sqlite3_finalize(stmt);
    sqlite3_close_v2(db);
    return version;
}

QAction *action(const QWidget &window, const char *name) {
    return window.findChild<QAction *>(QString::fromLatin1(name));
}

QMenu *menu(const QWidget &window, const char *name) { return window.findChild<QMenu *>(QString::fromLatin1(name)); }

} // namespace

class TestConsoleWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_settingsDir.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("fedpilot-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("console-window"));
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    }

    void init() {
        QSettings().clear();
        ui::applyLanguage(QStringLiteral("en"));
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void menusHoldTheProductsVerbs() {
        MainWindow window;
        const QStringList menus = {QStringLiteral("&File"), QStringLiteral("&Trial"), QStringLiteral("&Run"),
                                   QStringLiteral("&View"), QStringLiteral("&Help")};
        QStringList titles;
        for (QAction *top : window.menuBar()->actions()) {
            titles << top->text();
        }
        QCOMPARE(titles, menus);
        const struct {
            const char *name;
            QKeySequence keys;
        } expected[] = {
            {"action.newWorkspace", QKeySequence(QKeySequence::New)},
            {"action.openWorkspace", QKeySequence(Qt::CTRL | Qt::Key_O)},
            {"action.quit", QKeySequence(Qt::CTRL | Qt::Key_Q)},
            {"action.refresh", QKeySequence(Qt::Key_F5)},
            {"action.settings", QKeySequence(Qt::CTRL | Qt::Key_Comma)},
            {"action.importTrial", QKeySequence(Qt::CTRL | Qt::Key_I)},
            {"action.start", QKeySequence(Qt::CTRL | Qt::Key_R)},
            {"action.cancel", QKeySequence(Qt::CTRL | Qt::Key_Period)},
            {"action.pause", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P)},
            {"action.resume", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R)},
            {"action.show.trials", QKeySequence(Qt::CTRL | Qt::Key_1)},
            {"action.show.monitor", QKeySequence(Qt::CTRL | Qt::Key_2)},
            {"action.show.runs", QKeySequence(Qt::CTRL | Qt::Key_3)},
            {"action.show.compare", QKeySequence(Qt::CTRL | Qt::Key_4)},
            {"action.show.reports", QKeySequence(Qt::CTRL | Qt::Key_5)},
            {"action.show.inspector", QKeySequence(Qt::CTRL | Qt::Key_6)},
        };
        for (const auto &e : expected) {
            QAction *a = action(window, e.name);
            QVERIFY2(a, e.name);
            QCOMPARE(a->shortcut(), e.keys);
            QVERIFY2(!a->text().isEmpty(), e.name);
        }
        QVERIFY(action(window, "action.about"));
        QVERIFY(menu(window, "menu.recent"));
        // The run verbs need a workspace and a selected trial; without a run nothing can be cancelled.
        QVERIFY(!action(window, "action.start")->isEnabled());
        QVERIFY(!action(window, "action.cancel")->isEnabled());
        QVERIFY(!action(window, "action.pause")->isEnabled());
        // Toolbar icons are drawn (the SVG icon plugin is there), not blank.
        auto *toolBar = window.findChild<QToolBar *>(QStringLiteral("toolbar.main"));
        QVERIFY(toolBar);
        int icons = 0;
        for (QAction *a : toolBar->actions()) {
            if (a->isSeparator()) {
                continue;
            }
            const QImage image = a->icon().pixmap(22, 22).toImage();
            QVERIFY2(!image.isNull(), qPrintable(a->objectName()));
            bool drawn = false;
            for (int y = 0; y < image.height() && !drawn; ++y) {
                for (int x = 0; x < image.width() && !drawn; ++x) {
                    drawn = qAlpha(image.pixel(x, y)) > 0;
                }
            }
            QVERIFY2(drawn, qPrintable(a->objectName() + QStringLiteral(": blank icon")));
            ++icons;
        }
        QCOMPARE(icons, 9);
    }

    void pageActionsAndShortcutsSwitchPages() {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        action(window, "action.show.compare")->trigger();
        QCOMPARE(window.currentPage(), QStringLiteral("page.compare"));
        QVERIFY(action(window, "action.show.compare")->isChecked());
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(window.currentPage(), QStringLiteral("page.runs"));
        QVERIFY(action(window, "action.show.runs")->isChecked());
        QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(window.currentPage(), QStringLiteral("page.monitor"));
        QTest::keyClick(&window, Qt::Key_5, Qt::ControlModifier);
        QCOMPARE(window.currentPage(), QStringLiteral("page.reports"));
    }

    void geometryAndLastPageAreRestored() {
        {
            MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.resize(910, 630);
            QTRY_COMPARE(window.size(), QSize(910, 630));
            QVERIFY(window.showPage(QStringLiteral("page.runs")));
            window.findChild<QToolBar *>(QStringLiteral("toolbar.main"))->hide();
            action(window, "action.quit")->trigger(); // closes the window, which saves its state
            QVERIFY(!window.isVisible());
        }
        MainWindow again;
        QCOMPARE(again.currentPage(), QStringLiteral("page.runs"));
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QCOMPARE(again.size(), QSize(910, 630));
        QVERIFY(!again.findChild<QToolBar *>(QStringLiteral("toolbar.main"))->isVisible());
        QVERIFY(!action(again, "action.toolBar")->isChecked());
    }

    void openingAFolderWithoutWorkspaceAsksFirst() {
        Conversation talk;
        MainWindow window;
        window.setPrompts(talk.prompts());
        const QString dir = m_dir->filePath(QStringLiteral("fresh"));
        talk.answer = false;
        QVERIFY(!window.openWorkspace(dir));
        QCOMPARE(talk.questions.size(), 1);
        QVERIFY2(talk.questions[0].contains(dir), qPrintable(talk.questions[0]));
        QVERIFY(!QFileInfo::exists(dir)); // nothing created
        QVERIFY(window.workspace().isEmpty());
        QCOMPARE(window.windowTitle(), QStringLiteral("fedpilot — no workspace"));

        talk.answer = true;
        QVERIFY(window.openWorkspace(dir));
        QVERIFY(QFileInfo::exists(dir + QStringLiteral("/workspace.sqlite")));
        QCOMPARE(window.workspace(), dir);
        QCOMPARE(window.windowTitle(), QStringLiteral("fresh — fedpilot"));
        // An existing current workspace opens without a question.
        MainWindow other;
        other.setPrompts(talk.prompts());
        QVERIFY(other.openWorkspace(dir));
        QCOMPARE(talk.questions.size(), 2);
        QVERIFY(talk.messages.isEmpty());
    }

    // What ./run.sh does (fedpilot --workspace build/demo-workspace --page trials --import-trial <demo>): on a fresh
    // clone the window asks before creating the workspace, then lists the demo trial, selected, with Start enabled;
    // the next start finds it there and adds no copy.
    void runShOffersTheDemoTrialOnce() {
        const QString demo =
            qEnvironmentVariable("FP_SOURCE_DIR") + QStringLiteral("/resources/demo/ni-two-sites.json");
        const QString dir = m_dir->filePath(QStringLiteral("demo-workspace"));
        Conversation talk;
        for (int start = 0; start < 2; ++start) {
            MainWindow window(std::make_shared<app::RunnerTrialExecutor>(1));
            window.setPrompts(talk.prompts());
            window.showPage(QStringLiteral("page.trials"));
            QVERIFY(window.openWorkspace(dir));
            QCOMPARE(talk.questions.size(), 1); // asked at the first start only
            auto *trials = window.findChild<ui::WorkspaceTrials *>();
            QSignalSpy imported(trials, &ui::WorkspaceTrials::imported);
            QSignalSpy present(trials, &ui::WorkspaceTrials::present);
            window.importTrialUnlessPresent(demo);
            QTRY_COMPARE_WITH_TIMEOUT(imported.count() + present.count(), 1, 20000);
            QCOMPARE(present.count(), start); // imported at the first start, found there at the second
            auto *table = window.findChild<QTreeView *>(QStringLiteral("trials.table"));
            QTRY_VERIFY_WITH_TIMEOUT(table->model()->rowCount() == 1 && table->currentIndex().isValid(), 10000);
            QCOMPARE(table->model()->index(0, 0).data().toString(),
                     QStringLiteral("demo: NI-v1 two-site pilot (stories260K)"));
            QVERIFY(window.findChild<QPushButton *>(QStringLiteral("trials.start"))->isEnabled());
            QVERIFY(action(window, "action.start")->isEnabled());
            QCOMPARE(window.currentPage(), QStringLiteral("page.trials"));
        }
        QVERIFY2(talk.questions.value(0).contains(dir), qPrintable(talk.questions.value(0)));
    }

    // Reading (F5, a round committed) never creates a workspace again behind the user's back.
    void refreshDoesNotRecreateADeletedWorkspace() {
        Conversation talk;
        MainWindow window;
        window.setPrompts(talk.prompts());
        const QString dir = m_dir->filePath(QStringLiteral("gone"));
        QVERIFY(window.newWorkspace(dir));
        auto *status = window.findChild<QLabel *>(QStringLiteral("runs.status"));
        auto *trials = window.findChild<QLabel *>(QStringLiteral("trials.status"));
        QTRY_VERIFY2(status->text().startsWith(QStringLiteral("0 runs in ")),
                     qPrintable(status->text())); // English plurals
        QTRY_VERIFY2(trials->text().startsWith(QStringLiteral("0 trials in ")), qPrintable(trials->text()));
        QVERIFY(QDir(dir).removeRecursively());
        action(window, "action.refresh")->trigger();
        QTRY_VERIFY2(status->text().contains(QStringLiteral("not there any more")), qPrintable(status->text()));
        QVERIFY(!QFileInfo::exists(dir));
    }

    void fileNewCreatesTheChosenWorkspace() {
        Conversation talk;
        MainWindow window;
        window.setPrompts(talk.prompts());
        talk.folder = m_dir->filePath(QStringLiteral("made-here"));
        action(window, "action.newWorkspace")->trigger();
        QVERIFY(talk.questions.isEmpty()); // choosing the folder for a new workspace is the answer
        QCOMPARE(window.workspace(), talk.folder);
        QCOMPARE(userVersion(talk.folder + QStringLiteral("/workspace.sqlite")),
                 storage::Workspace::currentSchemaVersion());
        // File > Open… with a cancelled folder dialog changes nothing.
        talk.folder.clear();
        action(window, "action.openWorkspace")->trigger();
        QCOMPARE(window.workspace(), m_dir->filePath(QStringLiteral("made-here")));
    }

    void recentWorkspacesAreRememberedAndPruned() {
        Conversation talk;
        MainWindow window;
        window.setPrompts(talk.prompts());
        QStringList dirs;
        for (int i = 0; i < 10; ++i) {
            dirs << m_dir->filePath(QStringLiteral("ws%1").arg(i));
            QVERIFY(window.newWorkspace(dirs.last()));
        }
        QStringList newestFirst(dirs.rbegin(), dirs.rbegin() + ConsoleSettings::kMaxRecent);
        QCOMPARE(ConsoleSettings::recentWorkspaces(), newestFirst);
        // Opening one again moves it first; a deleted one disappears from the list and the menu.
        QVERIFY(window.openWorkspace(dirs[5]));
        QCOMPARE(ConsoleSettings::recentWorkspaces().front(), dirs[5]);
        QVERIFY(QDir(dirs[8]).removeRecursively());
        QVERIFY(!ConsoleSettings::recentWorkspaces().contains(dirs[8]));
        QCOMPARE(ConsoleSettings::recentWorkspaces().size(), ConsoleSettings::kMaxRecent - 1);

        QMenu *recent = menu(window, "menu.recent");
        Q_EMIT recent->aboutToShow();
        QStringList listed;
        for (QAction *a : recent->actions()) {
            if (!a->data().toString().isEmpty()) {
                listed << a->data().toString();
            }
        }
        QCOMPARE(listed, ConsoleSettings::recentWorkspaces());
        auto *entry = action(window, "action.recent.2");
        QVERIFY(entry);
        const QString target = entry->data().toString();
        entry->trigger();
        QCOMPARE(window.workspace(), target);
        action(window, "action.clearRecent")->trigger();
        QVERIFY(ConsoleSettings::recentWorkspaces().isEmpty());
    }

    // An older schema: the window asks, and only a yes migrates, after a backup copy whose place it names.
    void olderSchemaIsUpgradedOnlyAfterAskingWithABackup() {
        const QString dir = m_dir->filePath(QStringLiteral("old"));
        const QString database = copyFixture(dir);
        const QByteArray before = sha256Of(database);
        Conversation talk;
        MainWindow window;
        window.setPrompts(talk.prompts());
        talk.answer = false;
        QVERIFY(!window.openWorkspace(dir));
        QCOMPARE(talk.questions.size(), 1);
        QVERIFY2(talk.questions[0].contains(QStringLiteral("schema 1")), qPrintable(talk.questions[0]));
        QVERIFY2(talk.questions[0].contains(QStringLiteral("backup")), qPrintable(talk.questions[0]));
        QCOMPARE(sha256Of(database), before);
        QCOMPARE(QDir(dir).entryList({QStringLiteral("*backup*")}), QStringList());

        talk.answer = true;
        QVERIFY(window.openWorkspace(dir));
        QCOMPARE(userVersion(database), storage::Workspace::currentSchemaVersion());
        const QStringList backups = QDir(dir).entryList({QStringLiteral("workspace-v1-backup-*.sqlite")});
        QCOMPARE(backups.size(), 1);
        const QString backup = QDir(dir).filePath(backups.front());
        QCOMPARE(userVersion(backup), 1);
        QCOMPARE(talk.messages.size(), 1);
        QVERIFY2(talk.messages[0].contains(backup), qPrintable(talk.messages[0]));
        // The upgraded workspace's trial is listed.
        auto store = storage::RunStore::open(dir.toStdString());
        QVERIFY(store);
        QCOMPARE(store->listTrials()->size(), size_t(1));
    }

    void newerSchemaIsRefusedUnchanged() {
        const QString dir = m_dir->filePath(QStringLiteral("future"));
        const QString database = copyFixture(dir);
        {
            sqlite3 *db = nullptr;
            QCOMPARE(sqlite3_open(database.toUtf8().constData(), &db), SQLITE_OK);
            QCOMPARE(sqlite3_exec(db, "PRAGMA user_version = 42", nullptr, nullptr, nullptr), SQLITE_OK);
            sqlite3_close(db);
        }
        const QByteArray before = sha256Of(database);
        Conversation talk;
        MainWindow window;
        window.setPrompts(talk.prompts());
        QVERIFY(!window.openWorkspace(dir));
        QVERIFY(talk.questions.isEmpty());
        QCOMPARE(talk.messages.size(), 1);
        QVERIFY2(talk.messages[0].contains(QStringLiteral("newer fedpilot")) &&
                     talk.messages[0].contains(QStringLiteral("schema 42")),
                 qPrintable(talk.messages[0]));
        QCOMPARE(sha256Of(database), before);
        QVERIFY(window.workspace().isEmpty());
    }

    void languageSwitchesWhileTheWindowIsOpen() {
        Conversation talk;
        MainWindow window;
        window.setPrompts(talk.prompts());
        QVERIFY(window.newWorkspace(m_dir->filePath(QStringLiteral("ws"))));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *navigation = window.findChild<QListWidget *>(QStringLiteral("navigation"));
        auto *runsPage = window.findChild<QWidget *>(QStringLiteral("page.runs"));
        auto *heading = runsPage->findChild<QLabel *>(QStringLiteral("pageTitle"));
        QCOMPARE(navigation->item(2)->text(), QStringLiteral("Runs"));
        QCOMPARE(heading->text(), QStringLiteral("Runs"));

        QCOMPARE(ui::applyLanguage(QStringLiteral("ja")), QStringLiteral("ja"));
        QTRY_COMPARE(navigation->item(2)->text(), QStringLiteral("実行"));
        QCOMPARE(navigation->item(1)->text(), QStringLiteral("モニター"));
        QCOMPARE(heading->text(), QStringLiteral("実行"));
        QCOMPARE(window.menuBar()->actions().front()->text(), QStringLiteral("ファイル(&F)"));
        QCOMPARE(action(window, "action.show.compare")->text(), QStringLiteral("比較"));
        QCOMPARE(action(window, "action.start")->text(), QStringLiteral("開始(&S)"));
        auto *status = window.findChild<QLabel *>(QStringLiteral("status.runText"));
        QCOMPARE(status->text(), QStringLiteral("実行中のトライアルはありません"));
        auto *trialsEmpty = window.findChild<QWidget *>(QStringLiteral("page.trials"))
                                ->findChild<QLabel *>(QStringLiteral("emptyState"));
        QVERIFY2(trialsEmpty->text().contains(QStringLiteral("トライアル")), qPrintable(trialsEmpty->text()));

        QCOMPARE(ui::applyLanguage(QStringLiteral("en")), QStringLiteral("en"));
        QTRY_COMPARE(navigation->item(2)->text(), QStringLiteral("Runs"));
        QCOMPARE(window.menuBar()->actions().front()->text(), QStringLiteral("&File"));
        QCOMPARE(status->text(), QStringLiteral("No run in progress"));
    }

    void settingsArePersistedAndReachTheRuns() {
        auto executor = std::make_shared<app::RunnerTrialExecutor>();
        MainWindow window(executor);
        QCOMPARE(executor->threads(), 0);
        const QString workspace = m_dir->filePath(QStringLiteral("default-ws"));
        // File > Settings… is modal: answer it once it shows, as a person would, and press OK.
        bool answered = false;
        QTimer::singleShot(0, this, [&] {
            auto *dialog = qobject_cast<ui::SettingsDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            auto *language = dialog->findChild<QComboBox *>(QStringLiteral("settings.language"));
            language->setCurrentIndex(language->findData(QStringLiteral("ja")));
            QCOMPARE(ui::currentLanguage(), QStringLiteral("ja")); // shown at once
            dialog->findChild<QSpinBox *>(QStringLiteral("settings.threads"))->setValue(3);
            dialog->findChild<QLineEdit *>(QStringLiteral("settings.defaultWorkspace"))->setText(workspace);
            dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
            answered = true;
        });
        action(window, "action.settings")->trigger();
        QVERIFY(answered);
        QCOMPARE(executor->threads(), 3); // the next run started from the window uses them
        QCOMPARE(ConsoleSettings::language(), QStringLiteral("ja"));
        QCOMPARE(ConsoleSettings::threads(), 3);
        QCOMPARE(ConsoleSettings::defaultWorkspace(), workspace);
        QCOMPARE(QSettings().value(QStringLiteral("run/threads")).toInt(), 3); // on disk, not only in memory
        // A new window applies the stored threads to its executor.
        auto next = std::make_shared<app::RunnerTrialExecutor>();
        MainWindow again(next);
        QCOMPARE(next->threads(), 3);

        // Cancel puts the language back.
        {
            ui::SettingsDialog dialog(&window);
            auto *language = dialog.findChild<QComboBox *>(QStringLiteral("settings.language"));
            language->setCurrentIndex(language->findData(QStringLiteral("en")));
            QCOMPARE(ui::currentLanguage(), QStringLiteral("en"));
            dialog.reject();
            QCOMPARE(ui::currentLanguage(), QStringLiteral("ja"));
        }
        QCOMPARE(ConsoleSettings::language(), QStringLiteral("ja"));
    }

    // At start: --workspace, else the default workspace of Settings, else the last one opened, else the fallback.
    void startWorkspaceFollowsTheSettings() {
        const QString fallback = m_dir->filePath(QStringLiteral("data-folder"));
        QCOMPARE(ConsoleSettings::startWorkspace({}, fallback), fallback);
        const QString recent = m_dir->filePath(QStringLiteral("recent"));
        QVERIFY(storage::RunStore::open(recent.toStdString()));
        ConsoleSettings::addRecentWorkspace(recent);
        QCOMPARE(ConsoleSettings::startWorkspace({}, fallback), recent);
        const QString chosen = m_dir->filePath(QStringLiteral("chosen"));
        ConsoleSettings::setDefaultWorkspace(chosen);
        QCOMPARE(ConsoleSettings::startWorkspace({}, fallback), chosen);
        QCOMPARE(ConsoleSettings::startWorkspace(QStringLiteral("/given"), fallback), QStringLiteral("/given"));
    }

    void aboutNamesVersionsAndDevice() {
        const auto facts = ui::AboutDialog::facts({{QStringLiteral("gRPC"), QStringLiteral("1.51.1")}});
        QStringList labels;
        for (const auto &[label, value] : facts) {
            labels << label;
            QVERIFY2(!value.isEmpty(), qPrintable(label));
        }
        QCOMPARE(labels, QStringList({QStringLiteral("Version"), QStringLiteral("Qt"), QStringLiteral("LibTorch"),
                                      QStringLiteral("SQLite"), QStringLiteral("gRPC"),
                                      QStringLiteral("Compute device"), QStringLiteral("Intra-op threads")}));
        QCOMPARE(facts[0].second, QStringLiteral(FP_VERSION));
        QCOMPARE(facts[1].second, QString::fromLatin1(qVersion()));
        QCOMPARE(facts[3].second, QString::fromLatin1(sqlite3_libversion()));
        QVERIFY(facts[5].second == QStringLiteral("CPU") || facts[5].second.startsWith(QStringLiteral("CUDA")));
        MainWindow window;
        window.addComponentVersion(QStringLiteral("gRPC"), QStringLiteral("1.51.1"));
        QCOMPARE(window.componentVersions().size(), 1);
        // Help > About shows them (modal: read it once it shows, then close it).
        QStringList shown;
        QTimer::singleShot(0, this, [&] {
            auto *dialog = qobject_cast<ui::AboutDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            for (auto *label : dialog->findChildren<QLabel *>()) {
                shown << label->text();
            }
            dialog->reject();
        });
        action(window, "action.about")->trigger();
        QVERIFY2(shown.contains(QStringLiteral("gRPC:")) && shown.contains(QStringLiteral("1.51.1")),
                 qPrintable(shown.join(QLatin1Char('|'))));
        QVERIFY(shown.contains(QStringLiteral("Compute device:")));
    }

    // The status bar follows the RunController's signals: trial, run, round and phase.
    void statusBarShowsTheRunningTrial() {
        ui::RunController controller(nullptr);
        ui::RunStatusIndicator indicator(&controller);
        QCOMPARE(indicator.text(), QStringLiteral("No run in progress"));
        Q_EMIT controller.started(QStringLiteral("pilot"));
        QCOMPARE(indicator.text(), QStringLiteral("Starting “pilot” …"));
        Q_EMIT controller.runStarted(7, QStringLiteral("fedhds"));
        Q_EMIT controller.progressed(7, 2, 3, QStringLiteral("training"), 4, 10);
        QCOMPARE(indicator.text(), QStringLiteral("Running “pilot” · run 7 (fedhds) · round 2/3 · training 4/10"));
        ui::applyLanguage(QStringLiteral("ja"));
        QTRY_VERIFY2(indicator.text().contains(QStringLiteral("ラウンド 2/3")), qPrintable(indicator.text()));
        ui::applyLanguage(QStringLiteral("en"));
        Q_EMIT controller.finished(false, true, {}, false);
        QTRY_COMPARE(indicator.text(), QStringLiteral("“pilot” cancelled (resumable)"));
        Q_EMIT controller.finished(false, false, {}, true);
        QTRY_COMPARE(indicator.text(), QStringLiteral("“pilot” paused after a round (resumable)"));
    }

private:
    // Copies the schema-1 fixture into dir/workspace.sqlite (writable) and returns that path.
    QString copyFixture(const QString &dir) {
        const QString source =
            qEnvironmentVariable("FP_SOURCE_DIR") + QStringLiteral("/tests/fixtures/storage/workspace-v1.sqlite");
        const QString target = dir + QStringLiteral("/workspace.sqlite");
        [&] {
            QVERIFY2(QFile::exists(source), qPrintable(source));
            QVERIFY(QDir().mkpath(dir));
            QVERIFY(QFile::copy(source, target));
            QVERIFY(QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner));
        }();
        return target;
    }

    QTemporaryDir m_settingsDir;
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_MAIN(TestConsoleWindow)
#include "TestConsoleWindow.moc"
