#pragma once

// One way to write a run's figures for people to read: fedpilot-cli's tables and the console's item models both
// format run summaries (status, rounds, Rouge-L, data used, bytes, seconds, cost) through RunSummaryFormat, so a
// run reads the same in the terminal and in the window. What differs is only the words: the CLI keeps the English
// defaults, the console passes its translations (ui/models/RunStatus.cpp).
//
// Plain C++ (no Qt), beside the RunSummary it formats: storage is the layer both app/ and ui/ may use.

#include "fedpilot/storage/RunStore.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace fp::storage {

// The words a figure is written with. Patterns hold "%1" where the number goes (the console's translators see the
// same patterns in Qt Linguist). The defaults are fedpilot-cli's English.
struct SummaryWords {
    // The stored statuses (kRunQueued, ...), as people read them.
    std::string queued = "queued";
    std::string running = "running";
    std::string completed = "completed";
    std::string failed = "failed";
    std::string interrupted = "interrupted";
    std::string paused = "paused";
    // A figure that does not exist (a run never evaluated, a run whose clients were offered no data).
    std::string none = "-";
    // A percentage: "%1%" gives "3.10%".
    std::string percent = "%1%";
    // Bytes, decimal (SI) units: B, kB (1000 B), MB, GB, TB.
    std::array<std::string, 5> bytes = {"%1 B", "%1 kB", "%1 MB", "%1 GB", "%1 TB"};
};

// A summary's figures, each as a table cell shows it.
struct SummaryCells {
    std::string status;         // the status in words
    std::string rounds;         // "2/3": completed of planned
    std::string rougeL;         // central Rouge-L after the last evaluated round, "3.10%"; none before any
    std::string dataUsed;       // samples trained on / samples offered, "1.41%"; none before any client round
    std::string bytes;          // bytes down + up, "2.9 MB"
    std::string selectionBytes; // bytes that selection added, "454 B"
    std::string seconds;        // the rounds' wall time in seconds, one decimal: "20.3"
    std::string cost;           // from the sites' cost models, four decimals: "0.0065"
};

class RunSummaryFormat {
public:
    explicit RunSummaryFormat(SummaryWords words = {});

    [[nodiscard]] const SummaryWords &words() const { return m_words; }

    // The status's words; a status fedpilot does not know is returned as stored.
    [[nodiscard]] std::string status(const std::string &stored) const;
    // "completed/planned".
    [[nodiscard]] std::string rounds(int completed, int planned) const;
    // A fraction as a percentage with two decimals (0.031 -> "3.10%"); none for nullopt, NaN or infinity.
    [[nodiscard]] std::string percent(std::optional<double> fraction) const;
    // Decimal units, whole bytes below 1000 and one decimal above: 999 -> "999 B", 1000 -> "1.0 kB",
    // 2'949'120 -> "2.9 MB", 999'950 -> "1.0 MB". Negative counts (never stored) are written as bytes.
    [[nodiscard]] std::string bytes(int64_t count) const;
    // Seconds with one decimal ("20.3").
    [[nodiscard]] std::string seconds(double value) const;
    // A cost with four decimals ("0.0065"): the demo's runs cost fractions of a cent.
    [[nodiscard]] std::string cost(double value) const;
    // An evaluation loss with four decimals; none for NaN.
    [[nodiscard]] std::string loss(double value) const;

    // Every figure of a run's summary.
    [[nodiscard]] SummaryCells cells(const RunSummary &run) const;

private:
    SummaryWords m_words;
};

} // namespace fp::storage
