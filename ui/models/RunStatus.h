#pragma once

#include "fedpilot/storage/RunSummaryFormat.h"

#include <QString>

#include <string>

namespace fp::ui {

// The run figures' formatting that fedpilot-cli uses too (storage::RunSummaryFormat), with the words in the user's
// language: statuses and units through tr() (context fp::ui::RunStatus), "–" for a figure that does not exist.
// Built on each call, so that a language switched while the console runs applies at once.
storage::RunSummaryFormat runSummaryFormat();

// A run status as reported ("running", "completed", "failed", "interrupted", "paused", ...), in the user's language.
QString runStatusText(const std::string &status);
// A coordinator phase ("preparing", "training", ...), in the user's language.
QString runPhaseText(const QString &phase);

} // namespace fp::ui
