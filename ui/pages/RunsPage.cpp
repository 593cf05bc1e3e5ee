#include "pages/RunsPage.h"

#include "models/RunsTableModel.h"
#include "models/WorkspaceRuns.h"

#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace fp::ui {

RunsPage::RunsPage(WorkspaceRuns *runs, QWidget *parent)
    : Page(QStringLiteral("page.runs"), tr("Runs"),
           tr("Watch running and finished runs: accuracy, communication volume and cost per round."), parent),
      m_runs(runs) {
    setEmptyMessage(
        tr("No runs yet. Start a trial on the Trials page (or fedpilot-cli run TRIAL.json --workspace DIR) to see "
           "it here."));
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
    m_table->setModel(runs->model());
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(RunsTableModel::Trial, QHeaderView::Stretch);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->verticalHeader()->hide();
    m_table->hide();
    body()->addWidget(m_table, 1);
    connect(reload, &QPushButton::clicked, runs, &WorkspaceRuns::refresh);
    connect(runs, &WorkspaceRuns::loading, this,
            [this](const QString &dir) { m_status->setText(tr("Loading %1 …").arg(QDir::toNativeSeparators(dir))); });
    connect(runs, &WorkspaceRuns::failed, this,
            [this](const QString &message) { m_status->setText(tr("Cannot read the workspace: %1").arg(message)); });
    connect(runs, &WorkspaceRuns::loaded, this, &RunsPage::showLoaded);
}

void RunsPage::showLoaded(int count) {
    showEmptyMessage(count == 0);
    m_table->setVisible(count > 0);
    m_status->setText(tr("%n run(s) in %1", nullptr, count).arg(QDir::toNativeSeparators(m_runs->workspace())));
}

} // namespace fp::ui
