#pragma once

#include <QList>
#include <QMainWindow>
#include <QPair>

#include <functional>
#include <memory>

class QActionGroup;
class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;
class QToolBar;

namespace fp::ui {

class Page;
class RunStatusIndicator;
class TrialExecutor;
class TrialsPage;
class WorkspaceRuns;
class WorkspaceTrials;

// The console's shell: menus (File, Trial, Run, View, Help), a toolbar, a navigation list on the left, one page at
// a time on the right, and a status bar with the run in progress. It only assembles pages and opens workspaces;
// each page owns its own behaviour. Geometry, toolbar state and the last page are restored from ConsoleSettings
// when it is built and saved when it closes.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // How the window talks to the user about workspaces; the defaults use QMessageBox and QFileDialog, tests
    // replace them.
    struct Prompts {
        std::function<bool(const QString &title, const QString &question)> confirm; // true: yes
        std::function<void(const QString &title, const QString &message)> inform;
        std::function<QString(const QString &title)> chooseFolder; // empty: cancelled
    };

    // executor: what runs trials (the application passes fp_runner's; null: trials are listed but cannot be
    // started). No workspace is open until openWorkspace().
    explicit MainWindow(std::shared_ptr<TrialExecutor> executor = {}, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Number of pages and their object names ("page.trials", ...), for tests and automation.
    [[nodiscard]] int pageCount() const;
    [[nodiscard]] QStringList pageNames() const;
    // Shows the page with the given object name; false when there is none.
    bool showPage(const QString &objectName);
    [[nodiscard]] QString currentPage() const;

    // The open workspace folder (empty: none).
    [[nodiscard]] QString workspace() const { return m_workspace; }
    // Opens the workspace in folder dir: asks before creating one there or upgrading an older one (after a backup
    // copy), refuses a newer one. Returns true when it is now the window's workspace. Refused while a trial runs.
    bool openWorkspace(const QString &dir);
    // Creates a workspace in folder dir (or opens the one already there, as openWorkspace does).
    bool newWorkspace(const QString &dir);
    // Imports a trial file into the open workspace unless it holds that trial already (the same file text and folder;
    // fedpilot
    // --import-trial: the demo trial, offered at every start of ./run.sh). Errors show on the Trials page.
    void importTrialUnlessPresent(const QString &path);

    void setPrompts(Prompts prompts);
    // Opens the trial editor on a trial file (fedpilot --edit-trial); with estimate, on its Estimate tab, calibrated
    // on this machine.
    void editTrialFile(const QString &path, bool estimate);
    // A library shown in Help > About after Qt, LibTorch and SQLite (the application adds gRPC, which ui does not
    // link).
    void addComponentVersion(const QString &name, const QString &version);
    [[nodiscard]] QList<QPair<QString, QString>> componentVersions() const { return m_components; }

public Q_SLOTS:
    void chooseAndOpenWorkspace();
    void chooseAndCreateWorkspace();
    void showSettings();
    void showAbout();
    void refresh();

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    bool useWorkspace(const QString &dir, int intent);
    void addPage(Page *page);
    void buildMenus();
    void buildToolBar();
    void buildStatusBar();
    void restoreSession();
    void retranslate();
    void rebuildRecentMenu();
    void updateTitle();
    void retranslateStatus();
    void applyThreadsSetting();

    std::shared_ptr<TrialExecutor> m_executor;
    Prompts m_prompts;
    QString m_workspace;
    QList<QPair<QString, QString>> m_components;
    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_pages = nullptr;
    WorkspaceRuns *m_runs = nullptr;
    WorkspaceTrials *m_trials = nullptr;
    TrialsPage *m_trialsPage = nullptr;
    QToolBar *m_toolBar = nullptr;
    RunStatusIndicator *m_runStatus = nullptr;
    QLabel *m_compute = nullptr;
    QActionGroup *m_pageActions = nullptr;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_trialMenu = nullptr;
    QMenu *m_runMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    struct Actions;
    std::unique_ptr<Actions> m_actions;
};

} // namespace fp::ui
