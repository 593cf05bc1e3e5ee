#pragma once
// The console's settings and what it remembers between sessions, stored with QSettings (on Linux
// ~/.config/fedpilot/fedpilot.conf): language, intra-op threads for runs, the default workspace, recent
// workspaces, window geometry and the last page.

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace fp::ui {

class ConsoleSettings {
public:
    // Language code: "en", "ja", or "" to follow the system locale.
    [[nodiscard]] static QString language();
    static void setLanguage(const QString &code);

    // Intra-op threads for runs started from the console; 0 lets the run pick them from the model.
    [[nodiscard]] static int threads();
    static void setThreads(int threads);

    // The workspace opened when fedpilot starts without --workspace (empty: the last one opened, else the demo
    // workspace in the user's data folder, which app/gui/main.cpp sets up).
    [[nodiscard]] static QString defaultWorkspace();
    static void setDefaultWorkspace(const QString &dir);
    // The workspace to open at start: requested (--workspace) when given, else the default workspace, else the
    // most recent one, else fallback.
    [[nodiscard]] static QString startWorkspace(const QString &requested, const QString &fallback);

    // Recently opened workspaces, newest first, at most kMaxRecent; folders that no longer hold a workspace
    // database are left out (and forgotten).
    static constexpr int kMaxRecent = 8;
    [[nodiscard]] static QStringList recentWorkspaces();
    // Puts dir first (absolute, without a trailing slash), dropping it from further down and the oldest beyond
    // kMaxRecent.
    static void addRecentWorkspace(const QString &dir);
    static void clearRecentWorkspaces();

    [[nodiscard]] static QByteArray windowGeometry();
    [[nodiscard]] static QByteArray windowState();
    static void setWindow(const QByteArray &geometry, const QByteArray &state);
    // The object name of the page shown last ("page.runs"); empty when none was saved.
    [[nodiscard]] static QString lastPage();
    static void setLastPage(const QString &objectName);
};

} // namespace fp::ui
