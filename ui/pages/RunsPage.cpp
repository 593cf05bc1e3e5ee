#include "pages/RunsPage.h"

#include "models/RunsTableModel.h"
#include "models/WorkspaceRuns.h"

#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace fp::ui {

RunsPage::RunsPage(WorkspaceRuns *runs, QWidget *parent) : Page(QStringLiteral("page.runs"), parent), m_runs(runs) {
    auto *bar = new QHBoxLayout();
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("runs.status"));
    m_reload = new QPushButton(this);
    m_reload->setObjectName(QStringLiteral("runs.refresh"));
    m_inspect = new QPushButton(this);
    m_inspect->setObjectName(QStringLiteral("runs.inspect"));
    m_inspect->setEnabled(false);
    bar->addWidget(m_status, 1);
    bar->addWidget(m_inspect);
    bar->addWidget(m_reload);
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
    connect(m_reload, &QPushButton::clicked, runs, &WorkspaceRuns::refresh);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_inspect->setEnabled(m_table->selectionModel()->hasSelection()); });
    connect(runs->model(), &QAbstractItemModel::modelReset, this, [this] { m_inspect->setEnabled(false); });
    connect(m_inspect, &QPushButton::clicked, this, [this] {
        const QModelIndexList rows = m_table->selectionModel()->selectedRows();
        if (!rows.isEmpty()) {
            Q_EMIT inspectRequested(m_runs->model()->run(rows.first().row()).id);
        }
    });
    connect(runs, &WorkspaceRuns::loading, this, [this](const QString &dir) {
        setLiveText(m_status, [dir] { return tr("Loading %1 …").arg(QDir::toNativeSeparators(dir)); });
    });
    connect(runs, &WorkspaceRuns::failed, this, [this](const QString &message) {
        setLiveText(m_status, [message] { return tr("Cannot read the workspace: %1").arg(message); });
    });
    connect(runs, &WorkspaceRuns::loaded, this, &RunsPage::showLoaded);
    retranslate();
}

void RunsPage::retranslate() {
    setHeading(tr("Runs"), tr("Watch running and finished runs: accuracy, communication volume and cost per round."));
    setEmptyMessage(tr("No runs yet. Select a trial on the Trials page and press Start (Ctrl+R); its runs appear "
                       "here round by round."));
    m_inspect->setText(tr("Inspect coreset…"));
    m_inspect->setToolTip(tr("Show the selected run's coreset: each client's samples on its t-SNE map, by group, with "
                             "the ones it trained on."));
    m_reload->setText(tr("Refresh"));
    m_reload->setToolTip(tr("Read the runs again from the workspace (F5)."));
    m_runs->model()->retranslate();
}

void RunsPage::showLoaded(int count) {
    showEmptyMessage(count == 0);
    m_table->setVisible(count > 0);
    const QString dir = QDir::toNativeSeparators(m_runs->workspace());
    setLiveText(m_status, [count, dir] { return tr("%n run(s) in %1", nullptr, count).arg(dir); });
}

} // namespace fp::ui
