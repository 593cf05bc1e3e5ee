#include "models/WorkspaceTrials.h"

#include "models/TrialsModel.h"

#include <QtConcurrent/QtConcurrentRun>

namespace fp::ui {

WorkspaceTrials::WorkspaceTrials(QObject *parent) : QObject(parent), m_model(new TrialsModel(this)) {
    connect(&m_watcher, &QFutureWatcher<Loaded>::finished, this, &WorkspaceTrials::finishLoad);
    connect(&m_importWatcher, &QFutureWatcher<Imported>::finished, this, &WorkspaceTrials::finishImport);
}

void WorkspaceTrials::setWorkspace(const QString &dir) {
    m_workspace = dir;
    refresh();
}

void WorkspaceTrials::refresh() {
    if (m_workspace.isEmpty()) {
        return;
    }
    if (m_watcher.isRunning()) {
        m_reloadPending = true;
        return;
    }
    m_reloadPending = false;
    m_watcher.setFuture(queryWorkspace<std::vector<storage::TrialSummary>>(
        m_workspace, [](storage::RunStore &store) { return store.listTrials(); }));
}

void WorkspaceTrials::finishLoad() {
    Loaded result = m_watcher.result();
    if (m_reloadPending) {
        refresh(); // something changed while this load ran
    }
    if (!result.error.empty()) {
        Q_EMIT failed(QString::fromStdString(result.error));
        return;
    }
    const int count = int(result.value.size());
    m_model->setTrials(std::move(result.value));
    Q_EMIT loaded(count);
}

void WorkspaceTrials::importTrial(const QString &path) {
    const std::string file = path.toStdString();
    saveInBackground([file] { return engine::readTrialFile(file); }, false);
}

void WorkspaceTrials::importTrialUnlessPresent(const QString &path) {
    const std::string file = path.toStdString();
    saveInBackground([file] { return engine::readTrialFile(file); }, true);
}

void WorkspaceTrials::addTrial(const QString &json, const QString &baseDir, const QString &origin) {
    saveInBackground([text = json.toStdString(), dir = baseDir.toStdString(),
                      name = origin.toStdString()] { return engine::parseTrial(text, dir, name); },
                     false);
}

void WorkspaceTrials::saveInBackground(std::function<Result<engine::TrialSpec>()> read, bool unlessPresent) {
    if (m_workspace.isEmpty()) {
        Q_EMIT importFailed(tr("No workspace is open."));
        return;
    }
    if (m_importWatcher.isRunning()) {
        Q_EMIT importFailed(tr("Another trial file is being imported."));
        return;
    }
    const std::string dir = m_workspace.toStdString();
    m_importWatcher.setFuture(QtConcurrent::run([dir, read = std::move(read), unlessPresent]() -> Imported {
        auto trial = read();
        if (!trial) {
            return {0, {}, trial.error().message}; // names the file and the field
        }
        auto store = storage::RunStore::open(dir);
        if (!store) {
            return {0, {}, store.error().message};
        }
        if (unlessPresent) {
            auto trials = store->listTrials(); // newest first
            if (!trials) {
                return {0, {}, trials.error().message};
            }
            for (const auto &stored : *trials) {
                // By content: saveTrial may have suffixed the name (" (2)") next to another trial of that name.
                if (stored.source.json == trial->sourceJson && stored.source.baseDir == trial->baseDir) {
                    return {stored.id, stored.name, {}, true};
                }
            }
        }
        auto id = store->saveTrial(*trial);
        return id ? Imported{*id, trial->name, {}} : Imported{0, {}, id.error().message};
    }));
}

void WorkspaceTrials::finishImport() {
    const Imported result = m_importWatcher.result();
    if (!result.error.empty()) {
        Q_EMIT importFailed(QString::fromStdString(result.error));
        return;
    }
    refresh();
    if (result.present) {
        Q_EMIT present(result.trialId, QString::fromStdString(result.name));
    } else {
        Q_EMIT imported(result.trialId, QString::fromStdString(result.name));
    }
}

} // namespace fp::ui
