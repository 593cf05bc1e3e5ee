#pragma once

#include "fedpilot/engine/Error.h"
#include "widgets/Page.h"

#include <cstdint>
#include <set>

class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;

namespace fp::ui {

class WorkspaceRuns;

// The ROI chart: each run's central Rouge-L against what it cost (money, seconds, bytes or data), one series
// per strategy, so a manager sees at a glance which strategy buys accuracy cheaply. The runs on the Pareto front
// (none reached more for less) are ringed and joined by a dashed line; hovering a run says which it is and whether
// it is on the front. Beside the chart, the runs to compare (all ticked at first; a run untaken stays so while the
// workspace reloads). Under the chart, the ROI of the ticked runs in plain words (RoiSummary).
class ComparePage : public Page {
    Q_OBJECT
public:
    explicit ComparePage(WorkspaceRuns *runs, QWidget *parent = nullptr);

    [[nodiscard]] QChart *chart() const;
    [[nodiscard]] QString roiSummary() const;
    // Writes the chart as a PNG at path, at its size on screen. Errors: Io, naming the file.
    Result<void> exportChart(const QString &path);

protected:
    void retranslate() override;

private:
    void rebuild();
    void fillRunList();
    void chooseAndExport();

    WorkspaceRuns *m_runs;
    QLabel *m_axisLabel = nullptr;
    QComboBox *m_axis = nullptr;
    QPushButton *m_export = nullptr;
    QChartView *m_view = nullptr;
    QListWidget *m_runList = nullptr; // one checkable item per run, its id as Qt::UserRole
    std::set<int64_t> m_unticked;     // runs the user took out of the comparison
    QLabel *m_roi = nullptr;
};

} // namespace fp::ui
