#include "pages/TrialsPage.h"

#include "models/RunStatus.h"
#include "models/TrialsModel.h"
#include "models/WorkspaceTrials.h"
#include "run/RunController.h"

#include "fedpilot/storage/RunStore.h"

#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QThread>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace fp::ui {
namespace {

// How far into a round a phase is: preparing (features, clustering) and training take most of a round.
double roundFraction(const QString &phase, double fraction) {
    if (phase == QLatin1String("preparing")) {
        return 0.4 * fraction;
    }
    if (phase == QLatin1String("training")) {
        return 0.4 + 0.5 * fraction;
    }
    return phase == QLatin1String("aggregating") ? 0.9 : phase == QLatin1String("evaluating") ? 0.93 : 0.98;
}

} // namespace

TrialsPage::TrialsPage(WorkspaceTrials *trials, std::shared_ptr<TrialExecutor> executor, QWidget *parent)
    : Page(QStringLiteral("page.trials"), tr("Trials"),
           tr("Define sites, clients, the coreset budget and the round schedule, then start a trial locally or against "
              "remote agents."),
           parent),
      m_trials(trials), m_executor(std::move(executor)) {
    setEmptyMessage(tr("No trials yet. Import a trial file (File > Import trial…) or run the demo "
                       "(fedpilot-cli demo --workspace DIR)."));
    buildActions();

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("trials.error"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #b00020; }"));
    m_error->hide();
    body()->addWidget(m_error);

    m_table = new QTreeView(this);
    m_table->setObjectName(QStringLiteral("trials.table"));
    m_table->setModel(trials->model());
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setUniformRowHeights(true);
    m_table->header()->setStretchLastSection(false);
    m_table->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->header()->setSectionResizeMode(TrialsModel::Name, QHeaderView::Stretch);
    m_table->hide();
    body()->addWidget(m_table, 1);

    auto *progressRow = new QHBoxLayout();
    m_runStatus = new QLabel(tr("No run in progress."), this);
    m_runStatus->setObjectName(QStringLiteral("trials.runStatus"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("trials.progress"));
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(260);
    m_progress->hide();
    progressRow->addWidget(m_runStatus, 1);
    progressRow->addWidget(m_progress);
    body()->addLayout(progressRow);

    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("fedpilot run"));
    m_controller = new RunController(m_executor);
    m_controller->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_controller, &QObject::deleteLater);
    m_thread->start();
    connectController();

    connect(trials, &WorkspaceTrials::loaded, this, &TrialsPage::showLoaded);
    connect(trials, &WorkspaceTrials::failed, this,
            [this](const QString &message) { showError(tr("Cannot read the workspace: %1").arg(message)); });
    connect(trials, &WorkspaceTrials::importFailed, this,
            [this](const QString &message) { showError(tr("Cannot import the trial file: %1").arg(message)); });
    connect(trials, &WorkspaceTrials::imported, this, [this](qint64 trialId, const QString &name) {
        m_selectedTrial = trialId;
        m_selectedRun = 0;
        m_status->setText(tr("Imported “%1”. Select it and press Start.").arg(name));
    });
    connect(trials->model(), &QAbstractItemModel::modelAboutToBeReset, this, &TrialsPage::rememberSelection);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &TrialsPage::updateActions);
    updateActions();
}

TrialsPage::~TrialsPage() {
    // A run in progress stops between client calls and is recorded as interrupted (resume continues it).
    m_controller->cancel();
    m_thread->quit();
    m_thread->wait();
}

void TrialsPage::buildActions() {
    auto *bar = new QHBoxLayout();
    m_import = new QPushButton(tr("Import trial…"), this);
    m_import->setObjectName(QStringLiteral("trials.import"));
    m_start = new QPushButton(tr("Start"), this);
    m_start->setObjectName(QStringLiteral("trials.start"));
    m_start->setToolTip(tr("Run every strategy of the selected trial as new runs."));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("trials.cancel"));
    m_cancel->setToolTip(tr("Stop the running trial; the run is recorded as interrupted and can be resumed."));
    m_resume = new QPushButton(tr("Resume"), this);
    m_resume->setObjectName(QStringLiteral("trials.resume"));
    m_resume->setToolTip(tr("Continue the selected interrupted run from its last completed round."));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("trials.status"));
    for (auto *button : {m_import, m_start, m_cancel, m_resume}) {
        bar->addWidget(button);
    }
    bar->addWidget(m_status, 1);
    body()->insertLayout(0, bar);
    connect(m_import, &QPushButton::clicked, this, &TrialsPage::importTrial);
    connect(m_start, &QPushButton::clicked, this, &TrialsPage::startSelected);
    connect(m_cancel, &QPushButton::clicked, this, &TrialsPage::cancelRun);
    connect(m_resume, &QPushButton::clicked, this, &TrialsPage::resumeSelected);
}

void TrialsPage::connectController() {
    connect(m_controller, &RunController::started, this, [this](const QString &name) {
        if (!name.isEmpty()) {
            m_runningTrial = name;
        }
    });
    connect(m_controller, &RunController::runStarted, this, [this](qint64 runId, const QString &strategy) {
        m_runningStrategy = strategy;
        m_selectedRun = runId;
        m_trials->refresh();
        Q_EMIT runsChanged();
    });
    connect(m_controller, &RunController::progressed, this, &TrialsPage::showProgress);
    connect(m_controller, &RunController::roundCommitted, this, [this] {
        m_trials->refresh();
        Q_EMIT roundCommitted();
    });
    connect(m_controller, &RunController::finished, this, &TrialsPage::finishRun);
}

void TrialsPage::importTrial() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Import a trial file"), QDir::homePath(),
                                                      tr("Trial files (*.json);;All files (*)"));
    if (!path.isEmpty()) {
        importTrialFile(path);
    }
}

void TrialsPage::importTrialFile(const QString &path) {
    m_error->hide();
    m_status->setText(tr("Importing %1 …").arg(QDir::toNativeSeparators(path)));
    m_trials->importTrial(path);
}

void TrialsPage::startSelected() {
    const auto *trial = m_trials->model()->trialAt(m_table->currentIndex());
    if (!trial || m_running || !m_executor) {
        return;
    }
    m_error->hide();
    m_runningTrial = QString::fromStdString(trial->name);
    m_runningStrategy.clear();
    setRunning(true);
    m_runStatus->setText(tr("Starting “%1”: loading the model and the sites' data …").arg(m_runningTrial));
    m_controller->startTrial(m_trials->workspace(), QString::fromStdString(trial->source.json),
                             QString::fromStdString(trial->source.baseDir));
}

void TrialsPage::cancelRun() {
    if (!m_running) {
        return;
    }
    m_controller->cancel();
    m_cancel->setEnabled(false);
    m_runStatus->setText(tr("Cancelling “%1” after the current client …").arg(m_runningTrial));
}

void TrialsPage::resumeSelected() {
    const QModelIndex current = m_table->currentIndex();
    const auto *trial = m_trials->model()->trialAt(current);
    if (!trial || m_running || !m_executor) {
        return;
    }
    QList<qint64> runs;
    if (const auto *run = m_trials->model()->runAt(current)) {
        if (run->status == storage::kRunInterrupted) {
            runs << run->id;
        }
    } else {
        for (const auto &run : trial->runs) {
            if (run.status == storage::kRunInterrupted) {
                runs << run.id;
            }
        }
    }
    if (runs.isEmpty()) {
        return;
    }
    m_error->hide();
    m_runningTrial = QString::fromStdString(trial->name);
    setRunning(true);
    m_runStatus->setText(tr("Resuming “%1”: loading the model and the sites' data …").arg(m_runningTrial));
    m_controller->resumeRuns(m_trials->workspace(), runs);
}

void TrialsPage::showLoaded(int count) {
    showEmptyMessage(count == 0);
    m_table->setVisible(count > 0);
    if (const QModelIndex wanted = m_trials->model()->indexOf(m_selectedTrial, m_selectedRun); wanted.isValid()) {
        if (wanted.parent().isValid()) {
            m_table->expand(wanted.parent());
        }
        if (m_table->currentIndex() != wanted) {
            m_table->setCurrentIndex(wanted);
        }
    } else if (!m_table->currentIndex().isValid() && count > 0) {
        m_table->setCurrentIndex(m_trials->model()->index(0, 0));
    }
    for (int row = 0; row < count; ++row) {
        m_table->expand(m_trials->model()->index(row, 0));
    }
    if (!m_running && m_status->text().isEmpty()) {
        m_status->setText(tr("%n trial(s) in %1", nullptr, count).arg(QDir::toNativeSeparators(m_trials->workspace())));
    }
    updateActions();
}

void TrialsPage::rememberSelection() {
    const QModelIndex current = m_table->currentIndex();
    if (const auto *trial = m_trials->model()->trialAt(current)) {
        m_selectedTrial = trial->id;
        const auto *run = m_trials->model()->runAt(current);
        m_selectedRun = run ? run->id : 0;
    }
}

void TrialsPage::updateActions() {
    const QModelIndex current = m_table->currentIndex();
    const auto *trial = m_trials->model()->trialAt(current);
    const auto *run = m_trials->model()->runAt(current);
    const bool canRun = m_executor != nullptr && !m_running;
    bool resumable = false;
    if (run) {
        resumable = run->status == storage::kRunInterrupted;
    } else if (trial) {
        resumable = std::ranges::any_of(
            trial->runs, [](const storage::TrialRun &r) { return r.status == storage::kRunInterrupted; });
    }
    m_import->setEnabled(!m_trials->workspace().isEmpty());
    m_start->setEnabled(canRun && trial != nullptr);
    m_resume->setEnabled(canRun && resumable);
    m_cancel->setEnabled(m_running && !m_controller->cancelRequested());
}

void TrialsPage::setRunning(bool running) {
    m_running = running;
    m_progress->setValue(0);
    m_progress->setVisible(running);
    updateActions();
}

void TrialsPage::showError(const QString &message) {
    m_error->setText(message);
    m_error->show();
    m_status->clear();
}

void TrialsPage::showProgress(qint64 runId, int round, int rounds, const QString &phase, int done, int total) {
    const double fraction = total > 0 ? double(done) / double(total) : 0.0;
    const double overall = (double(round - 1) + roundFraction(phase, fraction)) / double(std::max(1, rounds));
    m_progress->setValue(int(1000.0 * std::clamp(overall, 0.0, 1.0)));
    QString step = runPhaseText(phase);
    if (total > 1) {
        step = tr("%1 %2/%3").arg(step).arg(done).arg(total);
    }
    m_runStatus->setText(tr("Running “%1” · run %2 (%3) · round %4 of %5 · %6")
                             .arg(m_runningTrial)
                             .arg(runId)
                             .arg(m_runningStrategy)
                             .arg(round)
                             .arg(rounds)
                             .arg(step));
}

void TrialsPage::finishRun(bool ok, bool cancelled, const QString &message) {
    setRunning(false);
    if (cancelled) {
        m_runStatus->setText(
            tr("Cancelled “%1”: the run is recorded as interrupted; Resume continues it.").arg(m_runningTrial));
    } else if (ok) {
        m_runStatus->setText(tr("Finished “%1”: every run completed.").arg(m_runningTrial));
    } else {
        m_runStatus->setText(tr("“%1” stopped with an error.").arg(m_runningTrial));
        showError(message);
    }
    m_trials->refresh();
    Q_EMIT runsChanged();
}

} // namespace fp::ui
