#pragma once

#include "fedpilot/storage/RunStore.h"

#include <QCoreApplication>
#include <QString>

#include <span>

class QChart;

namespace fp::ui {

// The per-round charts of runs, drawn from what storage records (RunStore::runDetail), shared by the Monitor page
// and the PDF report so that both show the same thing:
//  RougeL   central Rouge-L (%) per evaluated round, one line per run;
//  Loss     central held-out loss per evaluated round, one line per run;
//  Cost     cumulative cost after each round (the sites' cost models), one line per run;
//  Bytes    bytes moved per round, one bar per round (and run), stacked by site;
//  Samples  samples selected per client in each round, one box (min, quartiles, max) per round, one series per run.
// Line charts have one point per recorded (or, for Rouge-L and loss, evaluated) round; bar sets one value per
// round and run; box series one box per round.
enum class RoundChart { RougeL, Loss, Cost, Bytes, Samples };
inline constexpr RoundChart kRoundCharts[] = {RoundChart::RougeL, RoundChart::Loss, RoundChart::Cost, RoundChart::Bytes,
                                              RoundChart::Samples};

class RoundCharts {
    Q_DECLARE_TR_FUNCTIONS(RoundCharts)
public:
    // A file-name stem for the chart's PNG: "rouge-l", "loss", "cost", "bytes", "samples".
    [[nodiscard]] static QString fileStem(RoundChart kind);
    // The chart's title in the user's language.
    [[nodiscard]] static QString title(RoundChart kind);
    // How a run is named in legends: "fedhds (run 3)".
    [[nodiscard]] static QString runLabel(const storage::RunSummary &run);
    // Replaces chart's series and axes with those of kind for runs (in this order; series colours follow it).
    static void fill(QChart *chart, RoundChart kind, std::span<const storage::RunDetail> runs);
};

} // namespace fp::ui
