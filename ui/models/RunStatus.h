#pragma once

#include <QString>

#include <string>

namespace fp::ui {

// A run status as reported ("running", "completed", "failed", "interrupted", "paused", ...), in the user's language.
QString runStatusText(const std::string &status);
// A coordinator phase ("preparing", "training", ...), in the user's language.
QString runPhaseText(const QString &phase);

} // namespace fp::ui
