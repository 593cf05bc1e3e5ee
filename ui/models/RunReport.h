#pragma once

#include "fedpilot/engine/Error.h"

#include <QString>

namespace fp::ui {

// Reports an analyst takes away from a workspace. Both read the workspace through their own connection and
// write beside the target, renaming into place only when complete (a failed export leaves an older file whole);
// both may run in a worker thread.

// CSV of every round of every run (RunStore::exportCsv, CsvKind::Rounds), or of every client-round.
Result<void> writeCsvReport(const QString &workspaceDir, const QString &path, bool clientRounds);

// A PDF: the runs compared (strategy, status, Rouge-L, data used, bytes, seconds, cost), then per run its rounds.
Result<void> writePdfReport(const QString &workspaceDir, const QString &path);

} // namespace fp::ui
