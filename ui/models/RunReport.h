#pragma once

#include "fedpilot/engine/Error.h"
#include "fedpilot/storage/RunStore.h"

#include <QImage>
#include <QString>

#include <vector>

namespace fp::ui {

// Reports an analyst takes away from a workspace. Both write beside the target, renaming into place only when
// complete (a failed export leaves an older file whole).

// CSV of every round of every run (RunStore::exportCsv, CsvKind::Rounds), or of every client-round. Reads the
// workspace through its own connection; may run in a worker thread.
Result<void> writeCsvReport(const QString &workspaceDir, const QString &path, bool clientRounds);

// What the PDF report shows, read from the workspace (readReport may run in a worker thread).
struct ReportData {
    QString workspaceDir;
    std::vector<storage::RunSummary> runs;   // newest first
    std::vector<storage::RunDetail> details; // the same runs, oldest first
};
Result<ReportData> readReport(const QString &workspaceDir);

// A picture in the report, with its caption.
struct ReportChart {
    QString caption;
    QImage image;
};
// Per trial, the per-round charts of its runs (RoundCharts) as images. GUI thread only (charts are widgets' items).
std::vector<ReportChart> reportCharts(const ReportData &data);

// A PDF: the ROI summary in plain words (RoiSummary), the runs compared (strategy, status, Rouge-L, data used,
// bytes, seconds, cost), the charts, then per run its rounds. May run in a worker thread.
Result<void> writePdfReport(const ReportData &data, const std::vector<ReportChart> &charts, const QString &path);

} // namespace fp::ui
