#pragma once

#include "widgets/Page.h"

class QLabel;
class QPushButton;
class QTableView;

namespace fp::ui {

class WorkspaceRuns;

// The runs recorded in a workspace, with their accuracy, data used, communication volume, time and cost.
class RunsPage : public Page {
    Q_OBJECT
public:
    explicit RunsPage(WorkspaceRuns *runs, QWidget *parent = nullptr);

Q_SIGNALS:
    // The user asked to see the coreset of the selected run (the Inspect coreset button).
    void inspectRequested(qint64 runId);

protected:
    void retranslate() override;

private:
    void showLoaded(int count);

    WorkspaceRuns *m_runs;
    QTableView *m_table = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_reload = nullptr;
    QPushButton *m_inspect = nullptr;
};

} // namespace fp::ui
