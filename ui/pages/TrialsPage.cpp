#include "pages/TrialsPage.h"

#include "models/RunStatus.h"
#include "models/TrialsModel.h"
#include "models/WorkspaceTrials.h"
#include "run/RunController.h"

#include "fedpilot/storage/RunStore.h"

#include <QAction>
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
#include <utility>

#include <unistd.h>

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

bool heldByThisProcess(const std::optional<storage::RunOwner> &owner) {
    if (!owner || owner->pid != int64_t(getpid())) {
        return false;
    }
    char host[256] = {};
    return gethostname(host, sizeof(host) - 1) == 0 && owner->host == host;
}

// Whether Resume may take this run. The trial's later runs are queued under this process while it runs the trial,
// and released in the store when the work stops; the page's snapshot of the workspace may still show them held
// when the user (or a test) presses Resume at once. While the page runs nothing, this process holds nothing.
bool resumable(const std::string &status, const std::optional<storage::RunOwner> &owner, bool idle) {
    return storage::isResumable(status, owner) || (idle && status == storage::kRunQueued && heldByThisProcess(owner));
}

} // namespace

TrialsPage::TrialsPage(WorkspaceTrials *trials, std::shared_ptr<TrialExecutor> executor, QWidget *parent)
    : Page(QStringLiteral("page.trials"), parent), m_trials(trials), m_executor(std::move(executor)) {
    buildActions();
    buildEditorActions();

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
    m_runStatus = new QLabel(this);
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
    connect(trials, &WorkspaceTrials::failed, this, [this](const QString &message) {
        showError([message] { return tr("Cannot read the workspace: %1").arg(message); });
    });
    connect(trials, &WorkspaceTrials::importFailed, this, [this](const QString &message) {
        showError([message] { return tr("Cannot import the trial file: %1").arg(message); });
    });
    connect(trials, &WorkspaceTrials::imported, this, [this](qint64 trialId, const QString &name) {
        m_selectedTrial = trialId;
        m_selectedRun = 0;
        setLiveText(m_status, [name] { return tr("Imported “%1”. Select it and press Start.").arg(name); });
    });
    connect(trials, &WorkspaceTrials::present, this, [this](qint64 trialId) {
        if (!m_running) {
            m_selectedTrial = trialId;
            m_selectedRun = 0;
        }
    });
    connect(trials->model(), &QAbstractItemModel::modelAboutToBeReset, this, &TrialsPage::rememberSelection);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &TrialsPage::updateActions);
    setLiveText(m_runStatus, [] { return tr("No run in progress."); });
    retranslate();
    updateActions();
}

void TrialsPage::retranslate() {
    setHeading(tr("Trials"), tr("Define sites, clients, the coreset budget and the round schedule, then start a "
                                "trial locally or against remote agents."));
    setEmptyMessage(tr("No trials yet. Import a trial file with Trial > Import trial… (Ctrl+I), then select it and "
                       "press Start."));
    m_importAction->setText(tr("&Import trial…"));
    m_importAction->setToolTip(tr("Read a trial file (JSON), check it and add it to this workspace (Ctrl+I)."));
    m_startAction->setText(tr("&Start"));
    m_startAction->setToolTip(tr("Run every strategy of the selected trial as new runs (Ctrl+R)."));
    m_cancelAction->setText(tr("&Cancel"));
    m_cancelAction->setToolTip(
        tr("Stop the running trial; the run is recorded as interrupted and, with the trial's runs that had not "
           "started, can be resumed (Ctrl+.)."));
    m_pauseAction->setText(tr("&Pause after round"));
    m_pauseAction->setToolTip(
        tr("Stop the running trial once the round in progress is recorded; the run is recorded as paused and "
           "Resume continues it with the next round (Ctrl+Shift+P)."));
    m_resumeAction->setText(tr("&Resume"));
    m_resumeAction->setToolTip(
        tr("Continue the selected interrupted or queued run (or every one of the selected trial) from its last "
           "completed round (Ctrl+Shift+R)."));
    m_importAction->setIconText(tr("Import", "toolbar: import a trial file"));
    m_startAction->setIconText(tr("Start"));
    m_cancelAction->setIconText(tr("Cancel"));
    m_pauseAction->setIconText(tr("Pause"));
    m_resumeAction->setIconText(tr("Resume"));
    m_import->setText(tr("Import trial…"));
    m_start->setText(tr("Start"));
    m_cancel->setText(tr("Cancel"));
    m_pause->setText(tr("Pause"));
    m_resume->setText(tr("Resume"));
    for (auto [button, action] :
         {std::pair{m_import, m_importAction}, std::pair{m_start, m_startAction}, std::pair{m_cancel, m_cancelAction},
          std::pair{m_pause, m_pauseAction}, std::pair{m_resume, m_resumeAction}}) {
        button->setToolTip(action->toolTip());
    }
    retranslateEditorActions();
    m_trials->model()->retranslate();
}

TrialsPage::~TrialsPage() {
    // A run in progress stops between client calls and is recorded as interrupted (resume continues it).
    m_controller->cancel();
    m_thread->quit();
    m_thread->wait();
}

void TrialsPage::buildActions() {
    // The actions are the page's verbs (menus, toolbar and shortcuts use them); the buttons trigger the same slots.
    const auto makeAction = [this](const char *name, const QString &icon, const QKeySequence &keys) {
        auto *action = new QAction(QIcon::fromTheme(QString(), QIcon(icon)), QString(), this);
        action->setObjectName(QString::fromLatin1(name));
        action->setShortcut(keys);
        return action;
    };
    m_importAction = makeAction("action.importTrial", QStringLiteral(":/icons/trial-import.svg"),
                                QKeySequence(Qt::CTRL | Qt::Key_I));
    m_startAction =
        makeAction("action.start", QStringLiteral(":/icons/run-start.svg"), QKeySequence(Qt::CTRL | Qt::Key_R));
    m_cancelAction =
        makeAction("action.cancel", QStringLiteral(":/icons/run-cancel.svg"), QKeySequence(Qt::CTRL | Qt::Key_Period));
    m_pauseAction = makeAction("action.pause", QStringLiteral(":/icons/run-pause.svg"),
                               QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    m_resumeAction = makeAction("action.resume", QStringLiteral(":/icons/run-resume.svg"),
                                QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    connect(m_importAction, &QAction::triggered, this, &TrialsPage::importTrial);
    connect(m_startAction, &QAction::triggered, this, &TrialsPage::startSelected);
    connect(m_cancelAction, &QAction::triggered, this, &TrialsPage::cancelRun);
    connect(m_pauseAction, &QAction::triggered, this, &TrialsPage::pauseRun);
    connect(m_resumeAction, &QAction::triggered, this, &TrialsPage::resumeSelected);

    auto *bar = new QHBoxLayout();
    m_import = new QPushButton(m_importAction->icon(), QString(), this);
    m_import->setObjectName(QStringLiteral("trials.import"));
    m_start = new QPushButton(m_startAction->icon(), QString(), this);
    m_start->setObjectName(QStringLiteral("trials.start"));
    m_cancel = new QPushButton(m_cancelAction->icon(), QString(), this);
    m_cancel->setObjectName(QStringLiteral("trials.cancel"));
    m_pause = new QPushButton(m_pauseAction->icon(), QString(), this);
    m_pause->setObjectName(QStringLiteral("trials.pause"));
    m_resume = new QPushButton(m_resumeAction->icon(), QString(), this);
    m_resume->setObjectName(QStringLiteral("trials.resume"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("trials.status"));
    for (auto *button : {m_import, m_start, m_pause, m_cancel, m_resume}) {
        bar->addWidget(button);
    }
    bar->addWidget(m_status, 1);
    body()->insertLayout(0, bar);
    connect(m_import, &QPushButton::clicked, this, &TrialsPage::importTrial);
    connect(m_start, &QPushButton::clicked, this, &TrialsPage::startSelected);
    connect(m_cancel, &QPushButton::clicked, this, &TrialsPage::cancelRun);
    connect(m_pause, &QPushButton::clicked, this, &TrialsPage::pauseRun);
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
    const QString file = QDir::toNativeSeparators(path);
    setLiveText(m_status, [file] { return tr("Importing %1 …").arg(file); });
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
    setLiveText(m_runStatus, [name = m_runningTrial] {
        return tr("Starting “%1”: loading the model and the sites' data …").arg(name);
    });
    m_controller->startTrial(m_trials->workspace(), QString::fromStdString(trial->source.json),
                             QString::fromStdString(trial->source.baseDir));
}

void TrialsPage::cancelRun() {
    if (!m_running) {
        return;
    }
    m_controller->cancel();
    updateActions();
    setLiveText(m_runStatus,
                [name = m_runningTrial] { return tr("Cancelling “%1” after the current client …").arg(name); });
}

void TrialsPage::pauseRun() {
    if (!m_running || m_controller->cancelRequested()) {
        return;
    }
    m_controller->pauseAfterRound();
    updateActions();
    setLiveText(m_runStatus, [name = m_runningTrial] {
        return tr("Pausing “%1” once the round in progress is recorded …").arg(name);
    });
}

void TrialsPage::resumeSelected() {
    const QModelIndex current = m_table->currentIndex();
    const auto *trial = m_trials->model()->trialAt(current);
    if (!trial || m_running || !m_executor) {
        return;
    }
    QList<qint64> runs;
    if (const auto *run = m_trials->model()->runAt(current)) {
        if (resumable(run->status, run->owner, true)) {
            runs << run->id;
        }
    } else {
        for (const auto &run : trial->runs) {
            if (resumable(run.status, run.owner, true)) {
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
    setLiveText(m_runStatus, [name = m_runningTrial] {
        return tr("Resuming “%1”: loading the model and the sites' data …").arg(name);
    });
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
        const QString dir = QDir::toNativeSeparators(m_trials->workspace());
        setLiveText(m_status, [count, dir] { return tr("%n trial(s) in %1", nullptr, count).arg(dir); });
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
    bool canResume = false;
    if (run) {
        canResume = resumable(run->status, run->owner, !m_running);
    } else if (trial) {
        canResume = std::ranges::any_of(
            trial->runs, [this](const storage::TrialRun &r) { return resumable(r.status, r.owner, !m_running); });
    }
    m_importAction->setEnabled(!m_trials->workspace().isEmpty());
    m_startAction->setEnabled(canRun && trial != nullptr);
    m_resumeAction->setEnabled(canRun && canResume);
    m_cancelAction->setEnabled(m_running && !m_controller->cancelRequested());
    for (int i = 0; i < m_editorActions.size(); ++i) {
        m_editorActions[i]->setEnabled(!m_trials->workspace().isEmpty() && (i == 0 || trial != nullptr));
    }
    m_pauseAction->setEnabled(m_running && !m_controller->cancelRequested() && !m_controller->pauseRequested());
    for (auto [button, action] :
         {std::pair{m_import, m_importAction}, std::pair{m_start, m_startAction}, std::pair{m_cancel, m_cancelAction},
          std::pair{m_pause, m_pauseAction}, std::pair{m_resume, m_resumeAction}}) {
        button->setEnabled(action->isEnabled());
    }
}

void TrialsPage::setRunning(bool running) {
    m_running = running;
    m_progress->setValue(0);
    m_progress->setVisible(running);
    updateActions();
}

void TrialsPage::showError(std::function<QString()> message) {
    setLiveText(m_error, std::move(message));
    m_error->show();
    setLiveText(m_status, {});
    m_status->clear();
}

void TrialsPage::showProgress(qint64 runId, int round, int rounds, const QString &phase, int done, int total) {
    const double fraction = total > 0 ? double(done) / double(total) : 0.0;
    const double overall = (double(round - 1) + roundFraction(phase, fraction)) / double(std::max(1, rounds));
    m_progress->setValue(int(1000.0 * std::clamp(overall, 0.0, 1.0)));
    setLiveText(m_runStatus,
                [runId, round, rounds, phase, done, total, trial = m_runningTrial, strategy = m_runningStrategy] {
                    QString step = runPhaseText(phase);
                    if (total > 1) {
                        step = tr("%1 %2/%3").arg(step).arg(done).arg(total);
                    }
                    return tr("Running “%1” · run %2 (%3) · round %4 of %5 · %6")
                        .arg(trial)
                        .arg(runId)
                        .arg(strategy)
                        .arg(round)
                        .arg(rounds)
                        .arg(step);
                });
}

void TrialsPage::finishRun(bool ok, bool cancelled, const QString &message, bool paused) {
    setRunning(false);
    const QString name = m_runningTrial;
    if (cancelled) {
        setLiveText(m_runStatus, [name] {
            return tr("Cancelled “%1”: the run is recorded as interrupted; Resume continues it.").arg(name);
        });
    } else if (paused) {
        setLiveText(m_runStatus, [name] {
            return tr("Paused “%1” after a recorded round; Resume continues it with the next round.").arg(name);
        });
    } else if (ok) {
        setLiveText(m_runStatus, [name] { return tr("Finished “%1”: every run completed.").arg(name); });
    } else {
        setLiveText(m_runStatus, [name] { return tr("“%1” stopped with an error.").arg(name); });
        showError([message] { return message; });
    }
    m_trials->refresh();
    Q_EMIT runsChanged();
}

} // namespace fp::ui
