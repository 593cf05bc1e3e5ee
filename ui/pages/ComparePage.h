#pragma once

#include "widgets/Page.h"

class QChart;
class QChartView;
class QComboBox;

namespace fp::ui {

class WorkspaceRuns;

// The ROI chart: each run's central Rouge-L against what it cost (money, seconds, bytes or data), one series
// per strategy, so a manager sees at a glance which strategy buys accuracy cheaply.
class ComparePage : public Page {
    Q_OBJECT
public:
    explicit ComparePage(WorkspaceRuns *runs, QWidget *parent = nullptr);

    [[nodiscard]] QChart *chart() const;

private:
    void rebuild();

    WorkspaceRuns *m_runs;
    QComboBox *m_axis = nullptr;
    QChartView *m_view = nullptr;
};

} // namespace fp::ui
