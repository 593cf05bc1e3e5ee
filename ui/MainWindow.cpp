#include "fedpilot/ui/MainWindow.h"

#include "MainWindowActions.h"
#include "dialogs/AboutDialog.h"
#include "dialogs/SettingsDialog.h"
#include "dialogs/WorkspaceOpener.h"
#include "fedpilot/ui/ConsoleSettings.h"
#include "fedpilot/ui/TrialExecutor.h"
#include "models/WorkspaceRuns.h"
#include "models/WorkspaceTrials.h"
#include "pages/ComparePage.h"
#include "pages/InspectorPage.h"
#include "pages/MonitorPage.h"
#include "pages/ReportsPage.h"
#include "pages/RunsPage.h"
#include "pages/TrialsPage.h"

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QListWidget>
#include <QMessageBox>
#include <QStackedWidget>

namespace fp::ui {

MainWindow::MainWindow(std::shared_ptr<TrialExecutor> executor, QWidget *parent)
    : QMainWindow(parent), m_executor(std::move(executor)), m_actions(std::make_unique<Actions>()) {
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/fedpilot.svg")));
    m_prompts.confirm = [this](const QString &title, const QString &question) {
        return QMessageBox::question(this, title, question, QMessageBox::Yes | QMessageBox::No, QMessageBox::No) ==
               QMessageBox::Yes;
    };
    m_prompts.inform = [this](const QString &title, const QString &message) {
        QMessageBox::information(this, title, message);
    };
    m_prompts.chooseFolder = [this](const QString &title) {
        return QFileDialog::getExistingDirectory(this, title, m_workspace.isEmpty() ? QDir::homePath() : m_workspace);
    };

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    m_navigation = new QListWidget(central);
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setFixedWidth(180); // the same on every page
    m_pages = new QStackedWidget(central);
    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    m_runs = new WorkspaceRuns(this);
    m_trials = new WorkspaceTrials(this);
    m_trialsPage = new TrialsPage(m_trials, m_executor, m_pages);
    addPage(m_trialsPage);
    addPage(new MonitorPage(m_runs, m_trialsPage->runController(), m_pages));
    auto *runsPage = new RunsPage(m_runs, m_pages);
    addPage(runsPage);
    addPage(new ComparePage(m_runs, m_pages));
    addPage(new ReportsPage(m_runs, m_pages));
    auto *inspector = new InspectorPage(m_runs, m_pages);
    addPage(inspector);
    connect(runsPage, &RunsPage::inspectRequested, this, [this, inspector](qint64 runId) {
        inspector->showRun(runId);
        showPage(inspector->objectName());
    });
    connect(m_navigation, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    // The Runs page follows runs started on the Trials page, round by round.
    connect(m_trialsPage, &TrialsPage::roundCommitted, m_runs, &WorkspaceRuns::refresh);
    connect(m_trialsPage, &TrialsPage::runsChanged, m_runs, &WorkspaceRuns::refresh);

    buildMenus();
    buildToolBar();
    buildStatusBar();
    connect(m_pages, &QStackedWidget::currentChanged, this, [this](int index) {
        if (index >= 0 && index < m_actions->pages.size()) {
            m_actions->pages[index]->setChecked(true);
        }
    });
    m_navigation->setCurrentRow(0);
    for (int i = 0; i < m_pages->count(); ++i) {
        static_cast<Page *>(m_pages->widget(i))->setWorkspaceOpen(false);
    }
    retranslate();
    applyThreadsSetting();
    restoreSession();
}

MainWindow::~MainWindow() = default;

void MainWindow::addPage(Page *page) {
    const int index = m_pages->addWidget(page);
    m_navigation->addItem(page->title());
    connect(page, &Page::titleChanged, this, [this, index](const QString &title) {
        if (auto *item = m_navigation->item(index)) {
            item->setText(title);
        }
        if (index < m_actions->pages.size()) {
            m_actions->pages[index]->setText(title);
        }
    });
}

int MainWindow::pageCount() const { return m_pages->count(); }

QStringList MainWindow::pageNames() const {
    QStringList names;
    for (int i = 0; i < m_pages->count(); ++i) {
        names << m_pages->widget(i)->objectName();
    }
    return names;
}

bool MainWindow::showPage(const QString &objectName) {
    for (int i = 0; i < m_pages->count(); ++i) {
        if (m_pages->widget(i)->objectName() == objectName) {
            m_navigation->setCurrentRow(i);
            return true;
        }
    }
    return false;
}

QString MainWindow::currentPage() const {
    return m_pages->currentWidget() ? m_pages->currentWidget()->objectName() : QString();
}

void MainWindow::setPrompts(Prompts prompts) { m_prompts = std::move(prompts); }

void MainWindow::editTrialFile(const QString &path, bool estimate) {
    showPage(QStringLiteral("page.trials"));
    m_trialsPage->editTrialFile(path, estimate);
}

void MainWindow::addComponentVersion(const QString &name, const QString &version) {
    m_components << qMakePair(name, version);
}

bool MainWindow::openWorkspace(const QString &dir) { return useWorkspace(dir, int(WorkspaceOpener::Intent::Open)); }

bool MainWindow::newWorkspace(const QString &dir) { return useWorkspace(dir, int(WorkspaceOpener::Intent::Create)); }

bool MainWindow::useWorkspace(const QString &dir, int intent) {
    if (dir.isEmpty()) {
        return false;
    }
    if (m_trialsPage->isRunning()) {
        m_prompts.inform(tr("A trial is running"),
                         tr("A trial is running in %1. Cancel it (Run > Cancel) before opening another workspace.")
                             .arg(QDir::toNativeSeparators(m_workspace)));
        return false;
    }
    const QString path = QDir::cleanPath(QFileInfo(dir).absoluteFilePath());
    if (!WorkspaceOpener(m_prompts).prepare(path, WorkspaceOpener::Intent(intent))) {
        return false;
    }
    m_workspace = path;
    ConsoleSettings::addRecentWorkspace(path);
    for (int i = 0; i < m_pages->count(); ++i) {
        static_cast<Page *>(m_pages->widget(i))->setWorkspaceOpen(true);
    }
    m_runs->setWorkspace(path);
    m_trials->setWorkspace(path);
    updateTitle();
    rebuildRecentMenu();
    return true;
}

void MainWindow::importTrialUnlessPresent(const QString &path) {
    if (!m_workspace.isEmpty()) {
        m_trials->importTrialUnlessPresent(path);
    }
}

void MainWindow::chooseAndOpenWorkspace() { openWorkspace(m_prompts.chooseFolder(tr("Open a workspace folder"))); }

void MainWindow::chooseAndCreateWorkspace() {
    newWorkspace(m_prompts.chooseFolder(tr("Choose a folder for the new workspace")));
}

void MainWindow::showSettings() {
    SettingsDialog dialog(this);
    connect(&dialog, &SettingsDialog::applied, this, &MainWindow::applyThreadsSetting);
    dialog.exec();
}

void MainWindow::showAbout() {
    AboutDialog dialog(m_components, this);
    dialog.exec();
}

void MainWindow::refresh() {
    m_runs->refresh();
    m_trials->refresh();
}

void MainWindow::applyThreadsSetting() {
    if (m_executor) {
        m_executor->setThreads(ConsoleSettings::threads());
    }
    updateTitle(); // the status bar's compute summary names the threads
}

void MainWindow::updateTitle() {
    if (m_workspace.isEmpty()) {
        setWindowTitle(tr("fedpilot — no workspace"));
    } else {
        setWindowTitle(tr("%1 — fedpilot").arg(QFileInfo(m_workspace).fileName()));
    }
    setWindowFilePath(m_workspace);
    retranslateStatus();
}

void MainWindow::restoreSession() {
    if (const QByteArray geometry = ConsoleSettings::windowGeometry();
        geometry.isEmpty() || !restoreGeometry(geometry)) {
        resize(1180, 760);
    }
    restoreState(ConsoleSettings::windowState());
    if (const QString page = ConsoleSettings::lastPage(); !page.isEmpty()) {
        showPage(page);
    }
}

void MainWindow::closeEvent(QCloseEvent *event) {
    ConsoleSettings::setWindow(saveGeometry(), saveState());
    ConsoleSettings::setLastPage(currentPage());
    QMainWindow::closeEvent(event);
}

void MainWindow::changeEvent(QEvent *event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    QMainWindow::changeEvent(event);
}

} // namespace fp::ui
