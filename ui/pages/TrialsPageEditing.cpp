// The Trials page's editor verbs: new, edit, duplicate, export and estimate a trial (TrialEditorDialog).
#include "dialogs/TrialEditorDialog.h"
#include "models/TrialsModel.h"
#include "models/WorkspaceTrials.h"
#include "pages/TrialsPage.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QSaveFile>
#include <QTreeView>

namespace fp::ui {

void TrialsPage::buildEditorActions() {
    const char *names[] = {"action.newTrial", "action.editTrial", "action.duplicateTrial", "action.exportTrial",
                           "action.estimateTrial"};
    for (const char *name : names) {
        auto *action = new QAction(this);
        action->setObjectName(QString::fromLatin1(name));
        m_editorActions << action;
    }
    m_editorActions[0]->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    m_editorActions[1]->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_editorActions[2]->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    connect(m_editorActions[0], &QAction::triggered, this, &TrialsPage::newTrial);
    connect(m_editorActions[1], &QAction::triggered, this, &TrialsPage::editSelected);
    connect(m_editorActions[2], &QAction::triggered, this, &TrialsPage::duplicateSelected);
    connect(m_editorActions[3], &QAction::triggered, this, &TrialsPage::exportSelected);
    connect(m_editorActions[4], &QAction::triggered, this, &TrialsPage::estimateSelected);
}

void TrialsPage::retranslateEditorActions() {
    m_editorActions[0]->setText(tr("&New trial…"));
    m_editorActions[0]->setToolTip(tr("Define a trial in the editor and add it to this workspace (Ctrl+Shift+N)."));
    m_editorActions[1]->setText(tr("&Edit…"));
    m_editorActions[1]->setToolTip(
        tr("Open the selected trial in the editor; saving adds the edited trial as a new one (Ctrl+E)."));
    m_editorActions[2]->setText(tr("&Duplicate"));
    m_editorActions[2]->setToolTip(tr("Open a copy of the selected trial in the editor (Ctrl+D)."));
    m_editorActions[3]->setText(tr("E&xport trial…"));
    m_editorActions[3]->setToolTip(tr("Write the selected trial's file, as stored, to a file you choose."));
    m_editorActions[4]->setText(tr("E&stimate…"));
    m_editorActions[4]->setToolTip(
        tr("Per strategy: clients per round, samples trained, bytes, compute seconds and cost, before starting."));
}

void TrialsPage::openEditor(const QString &json, const QString &baseDir, const QString &origin, const QString &rename,
                            int estimate) {
    auto document = TrialDocument::fromText(json, origin);
    if (!document) {
        showError([message = QString::fromStdString(document.error().message)] { return message; });
        return;
    }
    if (!rename.isEmpty()) {
        document->setValue(QStringLiteral("name"), rename, TrialDocument::Kind::Text);
    }
    auto *dialog = new TrialEditorDialog(*document, baseDir, origin, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setRunInProgress(m_running);
    connect(this, &TrialsPage::runsChanged, dialog, [this, dialog] { dialog->setRunInProgress(m_running); });
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { m_trials->addTrial(dialog->document().text(), dialog->baseDir(), dialog->origin()); });
    if (estimate > 0) {
        dialog->showEstimatePage();
        dialog->estimate(estimate == 2);
    }
    dialog->open();
}

void TrialsPage::newTrial() {
    const QString dir = m_trials->workspace().isEmpty() ? QDir::homePath() : m_trials->workspace();
    openEditor(TrialDocument::blank(tr("new trial")).text(), dir, QStringLiteral("trial"), {}, 0);
}

void TrialsPage::editSelected() {
    if (const auto *trial = m_trials->model()->trialAt(m_table->currentIndex())) {
        openEditor(QString::fromStdString(trial->source.json), QString::fromStdString(trial->source.baseDir),
                   QString::fromStdString(trial->name), {}, 0);
    }
}

void TrialsPage::duplicateSelected() {
    if (const auto *trial = m_trials->model()->trialAt(m_table->currentIndex())) {
        const QString name = QString::fromStdString(trial->name);
        openEditor(QString::fromStdString(trial->source.json), QString::fromStdString(trial->source.baseDir), name,
                   tr("%1 (copy)").arg(name), 0);
    }
}

void TrialsPage::estimateSelected() {
    if (const auto *trial = m_trials->model()->trialAt(m_table->currentIndex())) {
        openEditor(QString::fromStdString(trial->source.json), QString::fromStdString(trial->source.baseDir),
                   QString::fromStdString(trial->name), {}, 1);
    }
}

void TrialsPage::editTrialFile(const QString &path, bool estimate) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showError([path, why = file.errorString()] { return tr("Cannot read %1: %2").arg(path, why); });
        return;
    }
    openEditor(QString::fromUtf8(file.readAll()), QFileInfo(path).absolutePath(), path, {}, estimate ? 2 : 0);
}

void TrialsPage::exportSelected() {
    const auto *trial = m_trials->model()->trialAt(m_table->currentIndex());
    if (!trial) {
        return;
    }
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export the trial file"), QString::fromStdString(trial->source.baseDir),
                                     tr("Trial files (*.json);;All files (*)"));
    if (path.isEmpty()) {
        return;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QByteArray::fromStdString(trial->source.json)) < 0 ||
        !file.commit()) {
        showError([path, why = file.errorString()] { return tr("Cannot write %1: %2").arg(path, why); });
        return;
    }
    const QString shown = QDir::toNativeSeparators(path);
    setLiveText(m_status, [shown] { return tr("Exported the trial to %1.").arg(shown); });
}

} // namespace fp::ui
