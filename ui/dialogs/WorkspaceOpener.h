#pragma once

#include "fedpilot/ui/MainWindow.h"

#include <QCoreApplication>
#include <QString>

namespace fp::ui {

// Makes a folder ready to be the console's workspace, asking before anything is written (storage's
// inspectWorkspace looks without touching):
//  - no workspace there: Open asks before creating one; New creates it (the user chose the folder for that);
//  - an older schema: asks before upgrading, and first copies the database next to it (backupWorkspaceDatabase),
//    then says where the copy is;
//  - a newer schema, or a file that is not a workspace database: refused, with a message saying why; nothing is
//    changed.
class WorkspaceOpener {
    Q_DECLARE_TR_FUNCTIONS(fp::ui::WorkspaceOpener)
public:
    enum class Intent { Open, Create };

    explicit WorkspaceOpener(const MainWindow::Prompts &prompts) : m_prompts(prompts) {}

    // True when dir now holds a workspace of the current schema, ready to open.
    bool prepare(const QString &dir, Intent intent) const;

private:
    bool create(const QString &dir) const;
    bool upgrade(const QString &dir, int from, int to) const;
    void refuse(const QString &message) const;

    const MainWindow::Prompts &m_prompts;
};

} // namespace fp::ui
