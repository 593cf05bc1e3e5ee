#pragma once

#include "widgets/Page.h"

#include "fedpilot/storage/RunStore.h"

#include <QFutureWatcher>

#include <string>
#include <vector>

class QLabel;
class QTableView;

namespace fp::ui {

class RunsTableModel;

// The runs recorded in a workspace, with their accuracy, data used, communication volume, time and cost.
// Loading runs in a worker thread with its own SQLite connection: the GUI thread never runs multi-row SQL.
class RunsPage : public Page {
    Q_OBJECT
public:
    explicit RunsPage(QWidget *parent = nullptr);

    // Shows the runs of the workspace in folder dir (empty: none) and reloads them.
    void setWorkspace(const QString &dir);
    // Reloads the runs of the current workspace.
    void refresh();

    [[nodiscard]] RunsTableModel *model() const { return m_model; }

Q_SIGNALS:
    void loaded(int runs); // after each load; -1 when the workspace could not be read

private:
    struct Loaded {
        std::vector<storage::RunSummary> runs;
        std::string error;
    };
    void showLoaded();

    QString m_workspace;
    RunsTableModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_status = nullptr;
    QFutureWatcher<Loaded> m_watcher;
};

} // namespace fp::ui
