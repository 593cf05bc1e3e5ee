#include "fedpilot/ui/ConsoleSettings.h"

#include "fedpilot/storage/WorkspaceInspection.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace fp::ui {
namespace {

const QString kLanguage = QStringLiteral("console/language");
const QString kThreads = QStringLiteral("run/threads");
const QString kDefaultWorkspace = QStringLiteral("workspace/default");
const QString kRecent = QStringLiteral("workspace/recent");
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kPage = QStringLiteral("window/page");

QString normalised(const QString &dir) { return QDir::cleanPath(QFileInfo(dir).absoluteFilePath()); }

bool holdsWorkspace(const QString &dir) {
    return QFileInfo::exists(dir + QLatin1Char('/') + QLatin1String(storage::kWorkspaceDatabaseName));
}

} // namespace

QString ConsoleSettings::language() { return QSettings().value(kLanguage).toString(); }

void ConsoleSettings::setLanguage(const QString &code) { QSettings().setValue(kLanguage, code); }

int ConsoleSettings::threads() { return std::max(0, QSettings().value(kThreads, 0).toInt()); }

void ConsoleSettings::setThreads(int threads) { QSettings().setValue(kThreads, std::max(0, threads)); }

QString ConsoleSettings::defaultWorkspace() { return QSettings().value(kDefaultWorkspace).toString(); }

void ConsoleSettings::setDefaultWorkspace(const QString &dir) {
    QSettings().setValue(kDefaultWorkspace, dir.isEmpty() ? QString() : normalised(dir));
}

QString ConsoleSettings::startWorkspace(const QString &requested, const QString &fallback) {
    if (!requested.isEmpty()) {
        return requested;
    }
    if (const QString dir = defaultWorkspace(); !dir.isEmpty()) {
        return dir;
    }
    if (const QStringList recent = recentWorkspaces(); !recent.isEmpty()) {
        return recent.front();
    }
    return fallback;
}

QStringList ConsoleSettings::recentWorkspaces() {
    QSettings settings;
    const QStringList stored = settings.value(kRecent).toStringList();
    QStringList kept;
    for (const QString &dir : stored) {
        if (holdsWorkspace(dir) && !kept.contains(dir) && kept.size() < kMaxRecent) {
            kept << dir;
        }
    }
    if (kept != stored) {
        settings.setValue(kRecent, kept);
    }
    return kept;
}

void ConsoleSettings::addRecentWorkspace(const QString &dir) {
    const QString path = normalised(dir);
    QStringList recent = QSettings().value(kRecent).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent) {
        recent.removeLast();
    }
    QSettings().setValue(kRecent, recent);
}

void ConsoleSettings::clearRecentWorkspaces() { QSettings().remove(kRecent); }

QByteArray ConsoleSettings::windowGeometry() { return QSettings().value(kGeometry).toByteArray(); }

QByteArray ConsoleSettings::windowState() { return QSettings().value(kState).toByteArray(); }

void ConsoleSettings::setWindow(const QByteArray &geometry, const QByteArray &state) {
    QSettings settings;
    settings.setValue(kGeometry, geometry);
    settings.setValue(kState, state);
}

QString ConsoleSettings::lastPage() { return QSettings().value(kPage).toString(); }

void ConsoleSettings::setLastPage(const QString &objectName) { QSettings().setValue(kPage, objectName); }

} // namespace fp::ui
