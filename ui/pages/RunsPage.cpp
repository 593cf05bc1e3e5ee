#include "pages/RunsPage.h"

#include "models/RunsTableModel.h"

#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace fp::ui {

RunsPage::RunsPage(QWidget *parent)
    : Page(QStringLiteral("page.runs"), tr("Runs"),
           tr("Watch running and finished runs: accuracy, communication volume and cost per round."), parent),
      m_model(new RunsTableModel(this)) {
    setEmptyMessage(tr("No runs yet. Start a trial (fedpilot-cli run TRIAL.json --workspace DIR) to see it here."));
    auto *bar = new QHBoxLayout();
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("runs.status"));
    auto *reload = new QPushButton(tr("Refresh"), this);
    reload->setObjectName(QStringLiteral("runs.refresh"));
    bar->addWidget(m_status, 1);
    bar->addWidget(reload);
    body()->addLayout(bar);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("runs.table"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(RunsTableModel::Trial, QHeaderView::Stretch);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->verticalHeader()->hide();
    body()->addWidget(m_table, 1);
    connect(reload, &QPushButton::clicked, this, &RunsPage::refresh);
    connect(&m_watcher, &QFutureWatcher<Loaded>::finished, this, &RunsPage::showLoaded);
}

void RunsPage::setWorkspace(const QString &dir) {
    m_workspace = dir;
    refresh();
}

void RunsPage::refresh() {
    if (m_workspace.isEmpty() || m_watcher.isRunning()) {
        return;
    }
    m_status->setText(tr("Loading %1 …").arg(QDir::toNativeSeparators(m_workspace)));
    const std::string dir = m_workspace.toStdString();
    m_watcher.setFuture(QtConcurrent::run([dir]() -> Loaded {
        // Its own connection, in the worker thread (a RunStore must stay on the thread that opened it).
        auto store = storage::RunStore::open(dir);
        if (!store) {
            return {{}, store.error().message};
        }
        auto runs = store->listRuns();
        return runs ? Loaded{std::move(*runs), {}} : Loaded{{}, runs.error().message};
    }));
}

void RunsPage::showLoaded() {
    Loaded result = m_watcher.result();
    if (!result.error.empty()) {
        m_status->setText(tr("Cannot read the workspace: %1").arg(QString::fromStdString(result.error)));
        Q_EMIT loaded(-1);
        return;
    }
    const int count = int(result.runs.size());
    m_model->setRuns(std::move(result.runs));
    showEmptyMessage(count == 0);
    m_table->setVisible(count > 0);
    m_status->setText(tr("%n run(s) in %1", nullptr, count).arg(QDir::toNativeSeparators(m_workspace)));
    Q_EMIT loaded(count);
}

} // namespace fp::ui
