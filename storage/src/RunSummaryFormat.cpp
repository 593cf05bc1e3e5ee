#include "fedpilot/storage/RunSummaryFormat.h"

#include <cmath>
#include <cstdio>
#include <utility>

namespace fp::storage {
namespace {

// printf-style formatting of one number (the C locale's decimal point: the programs never call setlocale for
// numbers, so the CLI and the window write "3.10" alike).
std::string number(const char *format, double value) {
    char text[64];
    std::snprintf(text, sizeof text, format, value);
    return text;
}

// pattern with its first "%1" replaced by value; a pattern without "%1" (a careless translation) gets the value
// appended, so that the figure is never lost.
std::string fill(const std::string &pattern, const std::string &value) {
    const auto at = pattern.find("%1");
    if (at == std::string::npos) {
        return pattern + value;
    }
    std::string text = pattern;
    text.replace(at, 2, value);
    return text;
}

} // namespace

RunSummaryFormat::RunSummaryFormat(SummaryWords words) : m_words(std::move(words)) {}

std::string RunSummaryFormat::status(const std::string &stored) const {
    if (stored == kRunQueued) {
        return m_words.queued;
    }
    if (stored == kRunRunning) {
        return m_words.running;
    }
    if (stored == kRunCompleted) {
        return m_words.completed;
    }
    if (stored == kRunFailed) {
        return m_words.failed;
    }
    if (stored == kRunInterrupted) {
        return m_words.interrupted;
    }
    if (stored == kRunPaused) {
        return m_words.paused;
    }
    return stored;
}

std::string RunSummaryFormat::rounds(int completed, int planned) const {
    return std::to_string(completed) + "/" + std::to_string(planned);
}

std::string RunSummaryFormat::percent(std::optional<double> fraction) const {
    if (!fraction || !std::isfinite(*fraction)) {
        return m_words.none;
    }
    return fill(m_words.percent, number("%.2f", 100.0 * *fraction));
}

std::string RunSummaryFormat::bytes(int64_t count) const {
    double value = double(count);
    size_t unit = 0;
    // Up a unit once the figure would print as 1000 (999'950 B is "1.0 MB", not "1000.0 kB").
    while (value >= (unit == 0 ? 1000.0 : 999.95) && unit + 1 < m_words.bytes.size()) {
        value /= 1000.0;
        ++unit;
    }
    return fill(m_words.bytes[unit], number(unit == 0 ? "%.0f" : "%.1f", value));
}

std::string RunSummaryFormat::seconds(double value) const { return number("%.1f", value); }

std::string RunSummaryFormat::cost(double value) const { return number("%.4f", value); }

std::string RunSummaryFormat::loss(double value) const {
    return std::isnan(value) ? m_words.none : number("%.4f", value);
}

SummaryCells RunSummaryFormat::cells(const RunSummary &run) const {
    return {status(run.status),
            rounds(run.completedRounds, run.plannedRounds),
            percent(run.lastRougeL),
            percent(run.dataFraction()),
            bytes(run.bytesDown + run.bytesUp),
            bytes(run.selectionBytes),
            seconds(run.seconds),
            cost(run.cost)};
}

} // namespace fp::storage
