#include "fedpilot/ui/MainWindow.h"

#include "fedpilot/engine/Runtime.h"
#include "models/WorkspaceRuns.h"
#include "models/WorkspaceTrials.h"
#include "pages/ComparePage.h"
#include "pages/ReportsPage.h"
#include "pages/RunsPage.h"
#include "pages/TrialsPage.h"

#include <QHBoxLayout>
#include <QListWidget>
#include <QMenuBar>
#include <QStackedWidget>
#include <QStatusBar>

namespace fp::ui {

MainWindow::MainWindow(const QString &workspaceDir, std::shared_ptr<TrialExecutor> executor, QWidget *parent)
    : QMainWindow(parent) {
    setWindowTitle(tr("fedpilot — federated instruction tuning console"));
    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    m_navigation = new QListWidget(central);
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setFixedWidth(180); // the same on every page
    m_pages = new QStackedWidget(central);
    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    auto *runs = new WorkspaceRuns(this);
    auto *trials = new WorkspaceTrials(this);
    auto *trialsPage = new TrialsPage(trials, std::move(executor), m_pages);
    addPage(trialsPage);
    addPage(new RunsPage(runs, m_pages));
    addPage(new ComparePage(runs, m_pages));
    addPage(new ReportsPage(runs, m_pages));
    connect(m_navigation, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    // The Runs page follows runs started on the Trials page, round by round.
    connect(trialsPage, &TrialsPage::roundCommitted, runs, &WorkspaceRuns::refresh);
    connect(trialsPage, &TrialsPage::runsChanged, runs, &WorkspaceRuns::refresh);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *import = file->addAction(tr("&Import trial…"), this, [this, trialsPage] {
        showPage(trialsPage->objectName());
        trialsPage->importTrial();
    });
    import->setObjectName(QStringLiteral("action.importTrial"));
    import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    import->setEnabled(!workspaceDir.isEmpty());
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    m_navigation->setCurrentRow(0);

    statusBar()->showMessage(tr("LibTorch %1 · %2 · %3 threads")
                                 .arg(QString::fromStdString(engine::torchVersion()),
                                      QString::fromLatin1(engine::deviceName(
                                          engine::cudaAvailable() ? engine::Device::Cuda : engine::Device::Cpu)))
                                 .arg(engine::currentThreads()));
    resize(1100, 700);
    runs->setWorkspace(workspaceDir);
    trials->setWorkspace(workspaceDir);
}

void MainWindow::addPage(Page *page) {
    m_pages->addWidget(page);
    m_navigation->addItem(page->title());
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

} // namespace fp::ui
