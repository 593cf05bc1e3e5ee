// MainWindow's menus, toolbar, status bar and their texts.
#include "MainWindowActions.h"
#include "fedpilot/engine/Runtime.h"
#include "fedpilot/ui/ConsoleSettings.h"
#include "fedpilot/ui/TrialExecutor.h"
#include "pages/TrialsPage.h"
#include "widgets/Page.h"
#include "widgets/RunStatusIndicator.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>

namespace fp::ui {
namespace {

QIcon icon(const char *themeName, const char *bundled) {
    return QIcon::fromTheme(QString::fromLatin1(themeName),
                            QIcon(QStringLiteral(":/icons/") + QString::fromLatin1(bundled) + QStringLiteral(".svg")));
}

QAction *makeAction(QObject *parent, const char *name, const QIcon &actionIcon = {}, const QKeySequence &keys = {}) {
    auto *action = new QAction(actionIcon, QString(), parent);
    action->setObjectName(QString::fromLatin1(name));
    action->setShortcut(keys);
    return action;
}

} // namespace

void MainWindow::buildMenus() {
    Actions &a = *m_actions;
    a.newWorkspace = makeAction(this, "action.newWorkspace", icon("folder-new", "workspace-new"), QKeySequence::New);
    a.openWorkspace = makeAction(this, "action.openWorkspace", icon("document-open", "workspace-open"),
                                 QKeySequence(Qt::CTRL | Qt::Key_O));
    a.clearRecent = makeAction(this, "action.clearRecent");
    a.settings = makeAction(this, "action.settings", icon("preferences-system", "settings"),
                            QKeySequence(Qt::CTRL | Qt::Key_Comma));
    a.quit = makeAction(this, "action.quit", {}, QKeySequence(Qt::CTRL | Qt::Key_Q));
    a.refresh = makeAction(this, "action.refresh", icon("view-refresh", "view-refresh"), QKeySequence(Qt::Key_F5));
    a.about = makeAction(this, "action.about", icon("help-about", "help-about"));
    a.aboutQt = makeAction(this, "action.aboutQt");
    connect(a.newWorkspace, &QAction::triggered, this, &MainWindow::chooseAndCreateWorkspace);
    connect(a.openWorkspace, &QAction::triggered, this, &MainWindow::chooseAndOpenWorkspace);
    connect(a.clearRecent, &QAction::triggered, this, [this] {
        ConsoleSettings::clearRecentWorkspaces();
        rebuildRecentMenu();
    });
    connect(a.settings, &QAction::triggered, this, &MainWindow::showSettings);
    connect(a.quit, &QAction::triggered, this, &QWidget::close);
    connect(a.refresh, &QAction::triggered, this, &MainWindow::refresh);
    connect(a.about, &QAction::triggered, this, &MainWindow::showAbout);
    connect(a.aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);

    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->setObjectName(QStringLiteral("menu.file"));
    m_fileMenu->addAction(a.newWorkspace);
    m_fileMenu->addAction(a.openWorkspace);
    m_recentMenu = m_fileMenu->addMenu(QString());
    m_recentMenu->setObjectName(QStringLiteral("menu.recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(a.settings);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(a.quit);

    m_trialMenu = menuBar()->addMenu(QString());
    m_trialMenu->setObjectName(QStringLiteral("menu.trial"));
    m_trialMenu->addAction(m_trialsPage->importAction());
    m_trialMenu->addSeparator();
    m_trialMenu->addActions(m_trialsPage->editorActions());
    for (QAction *action : m_trialsPage->editorActions()) {
        connect(action, &QAction::triggered, this, [this] { showPage(QStringLiteral("page.trials")); });
    }

    m_runMenu = menuBar()->addMenu(QString());
    m_runMenu->setObjectName(QStringLiteral("menu.run"));
    for (QAction *action : {m_trialsPage->startAction(), m_trialsPage->pauseAction(), m_trialsPage->cancelAction(),
                            m_trialsPage->resumeAction()}) {
        m_runMenu->addAction(action);
        // The run verbs act on the Trials page's selection: show it.
        connect(action, &QAction::triggered, this, [this] { showPage(QStringLiteral("page.trials")); });
    }
    connect(m_trialsPage->importAction(), &QAction::triggered, this,
            [this] { showPage(QStringLiteral("page.trials")); });

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->setObjectName(QStringLiteral("menu.view"));
    m_pageActions = new QActionGroup(this);
    for (int i = 0; i < m_pages->count(); ++i) {
        const QString name = m_pages->widget(i)->objectName();
        auto *action = makeAction(this, qPrintable(QStringLiteral("action.show.") + name.section(QLatin1Char('.'), 1)),
                                  {}, QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        action->setCheckable(true);
        m_pageActions->addAction(action);
        m_viewMenu->addAction(action);
        connect(action, &QAction::triggered, this, [this, name] { showPage(name); });
        a.pages << action;
    }
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(a.refresh);

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->setObjectName(QStringLiteral("menu.help"));
    m_helpMenu->addAction(a.about);
    m_helpMenu->addAction(a.aboutQt);
    rebuildRecentMenu();
}

void MainWindow::buildToolBar() {
    m_toolBar = addToolBar(QString());
    m_toolBar->setObjectName(QStringLiteral("toolbar.main")); // saveState() names it
    m_toolBar->setIconSize(QSize(22, 22));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->addAction(m_actions->newWorkspace);
    m_toolBar->addAction(m_actions->openWorkspace);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_trialsPage->importAction());
    m_toolBar->addAction(m_trialsPage->startAction());
    m_toolBar->addAction(m_trialsPage->pauseAction());
    m_toolBar->addAction(m_trialsPage->cancelAction());
    m_toolBar->addAction(m_trialsPage->resumeAction());
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_actions->refresh);
    m_toolBar->addAction(m_actions->settings);
    m_actions->toolBar = m_toolBar->toggleViewAction();
    m_actions->toolBar->setObjectName(QStringLiteral("action.toolBar"));
    m_viewMenu->addAction(m_actions->toolBar);
}

void MainWindow::buildStatusBar() {
    m_runStatus = new RunStatusIndicator(m_trialsPage->runController(), this);
    statusBar()->addWidget(m_runStatus, 1);
    m_compute = new QLabel(this);
    m_compute->setObjectName(QStringLiteral("status.compute"));
    statusBar()->addPermanentWidget(m_compute);
}

void MainWindow::rebuildRecentMenu() {
    m_recentMenu->clear();
    const QStringList recent = ConsoleSettings::recentWorkspaces();
    for (int i = 0; i < recent.size(); ++i) {
        const QString dir = recent[i];
        // &1 .. &8: a keyboard mnemonic per entry.
        QString label = QDir::toNativeSeparators(dir);
        label.replace(QLatin1Char('&'), QLatin1String("&&"));
        QAction *action = m_recentMenu->addAction(QStringLiteral("&%1  %2").arg(i + 1).arg(label));
        action->setObjectName(QStringLiteral("action.recent.%1").arg(i));
        action->setData(dir);
        action->setCheckable(true);
        action->setChecked(dir == m_workspace);
        connect(action, &QAction::triggered, this, [this, dir] { openWorkspace(dir); });
    }
    if (recent.isEmpty()) {
        m_recentMenu->addAction(tr("No recent workspaces"))->setEnabled(false);
    }
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(m_actions->clearRecent);
    m_actions->clearRecent->setEnabled(!recent.isEmpty());
}

void MainWindow::retranslate() {
    Actions &a = *m_actions;
    m_fileMenu->setTitle(tr("&File"));
    m_recentMenu->setTitle(tr("Open &recent"));
    m_trialMenu->setTitle(tr("&Trial"));
    m_runMenu->setTitle(tr("&Run"));
    m_viewMenu->setTitle(tr("&View"));
    m_helpMenu->setTitle(tr("&Help"));
    a.newWorkspace->setText(tr("&New workspace…"));
    a.newWorkspace->setToolTip(tr("Create a workspace in a folder you choose (Ctrl+N)."));
    a.openWorkspace->setText(tr("&Open workspace…"));
    a.openWorkspace->setToolTip(tr("Open the workspace in a folder (Ctrl+O)."));
    a.clearRecent->setText(tr("&Clear the list"));
    a.settings->setText(tr("&Settings…"));
    a.settings->setToolTip(tr("Language, threads for runs, default workspace (Ctrl+,)."));
    a.quit->setText(tr("&Quit"));
    a.refresh->setText(tr("Re&fresh"));
    a.refresh->setToolTip(tr("Read the trials and runs again from the workspace (F5)."));
    a.about->setText(tr("&About fedpilot"));
    a.aboutQt->setText(tr("About &Qt"));
    m_toolBar->setWindowTitle(tr("Toolbar"));
    // Short toolbar labels (the menu texts carry mnemonics and ellipses).
    a.newWorkspace->setIconText(tr("New", "toolbar: new workspace"));
    a.openWorkspace->setIconText(tr("Open", "toolbar: open workspace"));
    a.refresh->setIconText(tr("Refresh", "toolbar"));
    a.settings->setIconText(tr("Settings", "toolbar"));
    for (int i = 0; i < a.pages.size(); ++i) {
        a.pages[i]->setText(static_cast<Page *>(m_pages->widget(i))->title());
    }
    updateTitle();
    rebuildRecentMenu();
}

void MainWindow::retranslateStatus() {
    const int threads = m_executor ? m_executor->threads() : 0;
    const QString device = engine::cudaAvailable() ? tr("CUDA") : tr("CPU");
    m_compute->setText(threads > 0 ? tr("LibTorch %1 · %2 · %n thread(s) per run", nullptr, threads)
                                         .arg(QString::fromStdString(engine::torchVersion()), device)
                                   : tr("LibTorch %1 · %2 · threads per run: automatic")
                                         .arg(QString::fromStdString(engine::torchVersion()), device));
    m_compute->setToolTip(m_workspace.isEmpty() ? tr("No workspace open")
                                                : tr("Workspace: %1").arg(QDir::toNativeSeparators(m_workspace)));
}

} // namespace fp::ui
