#include "dialogs/WorkspaceOpener.h"

#include "fedpilot/storage/RunStore.h"
#include "fedpilot/storage/WorkspaceInspection.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace fp::ui {
namespace {

QString native(const QString &path) { return QDir::toNativeSeparators(path); }

} // namespace

bool WorkspaceOpener::prepare(const QString &dir, Intent intent) const {
    auto info = storage::inspectWorkspace(dir.toStdString());
    if (!info) {
        refuse(
            tr("Cannot read the workspace in %1: %2").arg(native(dir), QString::fromStdString(info.error().message)));
        return false;
    }
    switch (info->state) {
    case storage::WorkspaceState::Current: return true;
    case storage::WorkspaceState::Missing:
        if (intent == Intent::Open &&
            !m_prompts.confirm(tr("Create a workspace?"),
                               tr("%1 holds no fedpilot workspace.\n\nCreate a new, empty workspace in this folder?")
                                   .arg(native(dir)))) {
            return false;
        }
        return create(dir);
    case storage::WorkspaceState::Older: return upgrade(dir, info->schemaVersion, info->currentVersion);
    case storage::WorkspaceState::Newer:
        refuse(tr("The workspace in %1 was written by a newer fedpilot (schema %2; this version understands up to "
                  "schema %3).\n\nOpen it with a newer fedpilot. It was not changed.")
                   .arg(native(dir))
                   .arg(info->schemaVersion)
                   .arg(info->currentVersion));
        return false;
    case storage::WorkspaceState::NotAWorkspace:
        refuse(tr("%1 is not a fedpilot workspace database.\n\nChoose another folder. The file was not changed.")
                   .arg(native(QString::fromStdString(info->databasePath))));
        return false;
    }
    return false;
}

bool WorkspaceOpener::create(const QString &dir) const {
    auto store = storage::RunStore::open(dir.toStdString());
    if (!store) {
        refuse(
            tr("Cannot create a workspace in %1: %2").arg(native(dir), QString::fromStdString(store.error().message)));
        return false;
    }
    return true;
}

bool WorkspaceOpener::upgrade(const QString &dir, int from, int to) const {
    const QString question =
        tr("The workspace in %1 was written by an older fedpilot (schema %2). This version uses schema %3 and must "
           "upgrade it before opening it; older versions of fedpilot will then no longer open it.\n\nA backup copy of "
           "the database is made first, next to it (workspace-v%2-backup-<time>.sqlite).\n\nUpgrade the workspace "
           "now?")
            .arg(native(dir))
            .arg(from)
            .arg(to);
    if (!m_prompts.confirm(tr("Upgrade the workspace?"), question)) {
        return false;
    }
    auto backup = storage::backupWorkspaceDatabase(dir.toStdString());
    if (!backup) {
        refuse(tr("The workspace was not upgraded: the backup copy failed: %1")
                   .arg(QString::fromStdString(backup.error().message)));
        return false;
    }
    auto store = storage::RunStore::open(dir.toStdString()); // migrates, one transaction per step
    if (!store) {
        refuse(tr("Upgrading the workspace failed: %1\n\nThe backup copy is %2.")
                   .arg(QString::fromStdString(store.error().message), native(QString::fromStdString(*backup))));
        return false;
    }
    m_prompts.inform(tr("Workspace upgraded"), tr("The workspace in %1 now uses schema %2.\n\nThe database as it was "
                                                  "before is kept as %3.")
                                                   .arg(native(dir))
                                                   .arg(to)
                                                   .arg(native(QString::fromStdString(*backup))));
    return true;
}

void WorkspaceOpener::refuse(const QString &message) const {
    m_prompts.inform(tr("Cannot open the workspace"), message);
}

} // namespace fp::ui
