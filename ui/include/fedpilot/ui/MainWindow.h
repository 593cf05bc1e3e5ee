#pragma once

#include <QMainWindow>

#include <memory>

class QListWidget;
class QStackedWidget;

namespace fp::ui {

class Page;
class TrialExecutor;

// The console's shell: a navigation list on the left and one page at a time on the right.
// It only assembles pages; each page owns its own behaviour.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // workspaceDir: the workspace whose trials and runs the pages show (empty: none). executor: what runs trials
    // (the application passes fp_runner's; null: trials are listed but cannot be started).
    explicit MainWindow(const QString &workspaceDir = {}, std::shared_ptr<TrialExecutor> executor = {},
                        QWidget *parent = nullptr);

    // Number of pages and their object names ("page.trials", ...), for tests and automation.
    [[nodiscard]] int pageCount() const;
    [[nodiscard]] QStringList pageNames() const;
    // Shows the page with the given object name; false when there is none.
    bool showPage(const QString &objectName);

private:
    void addPage(Page *page);

    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_pages = nullptr;
};

} // namespace fp::ui
