#pragma once

#include "fedpilot/engine/Error.h"
#include "models/RunReport.h"
#include "widgets/Page.h"

#include <QFutureWatcher>

#include <vector>

class QLabel;
class QPushButton;

namespace fp::ui {

class WorkspaceRuns;

// Exports of the stored runs: CSV (every round, or every client-round) for spreadsheets and a PDF report (the ROI
// summary, the runs, the per-round charts of each trial, the rounds). The workspace is read and the files written
// in worker threads; the PDF's charts are drawn on the GUI thread in between.
class ReportsPage : public Page {
    Q_OBJECT
public:
    explicit ReportsPage(WorkspaceRuns *runs, QWidget *parent = nullptr);

    enum class Format { RoundsCsv, ClientsCsv, Pdf };
    // Writes the report in a worker thread; exported() tells how it went.
    void exportTo(Format format, const QString &path);

Q_SIGNALS:
    void exported(const QString &path, const QString &error); // error empty on success

protected:
    void retranslate() override;

private:
    void chooseAndExport(Format format);
    void writePdf(const ReportData &data);

    WorkspaceRuns *m_runs;
    QLabel *m_summary = nullptr;
    QLabel *m_status = nullptr;
    std::vector<QPushButton *> m_buttons;
    QFutureWatcher<QString> m_watcher;
    QFutureWatcher<Result<ReportData>> m_readWatcher; // the PDF's data, before its charts are drawn
    QString m_target;
};

} // namespace fp::ui
