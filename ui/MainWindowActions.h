#pragma once
// MainWindow's actions (private to MainWindow.cpp and MainWindowMenus.cpp).
#include "fedpilot/ui/MainWindow.h"

#include <QList>

class QAction;

namespace fp::ui {

struct MainWindow::Actions {
    QAction *newWorkspace = nullptr;
    QAction *openWorkspace = nullptr;
    QAction *clearRecent = nullptr;
    QAction *settings = nullptr;
    QAction *quit = nullptr;
    QAction *refresh = nullptr;
    QAction *toolBar = nullptr;
    QAction *about = nullptr;
    QAction *aboutQt = nullptr;
    QList<QAction *> pages; // View > page, Ctrl+1..N, in page order
};

} // namespace fp::ui
