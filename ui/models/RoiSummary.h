#pragma once

#include "fedpilot/storage/RunStore.h"

#include <QCoreApplication>
#include <QString>

#include <span>

namespace fp::ui {

// The return on investment of data-efficient tuning, in plain words a manager can read without knowing the method.
// Per trial it compares the best completed FedHDS-family run (method fedhds or fedhds-intra, variants included)
// with the best completed full-data run (FedIT, method "full"), from the stored numbers: Rouge-L reached, cost, seconds
// and the share of the data trained on. When one side is missing it says which run to start.
class RoiSummary {
    Q_DECLARE_TR_FUNCTIONS(RoiSummary)
public:
    // One paragraph per trial that has a completed, evaluated run (trials in the order their newest run appears),
    // separated by blank lines; empty when there is none.
    [[nodiscard]] static QString describe(std::span<const storage::RunSummary> runs);

    // The comparison of one FedHDS-family run with one full-data run, e.g. "FedHDS reached 3.1 % Rouge-L, against
    // 1.6 % for FedIT on the full data. It cost 17 % as much. It finished 3.4x faster. It trained on 1.4 % of the
    // data." Sentences whose numbers are missing (no cost recorded, no client round) are left out.
    [[nodiscard]] static QString compare(const storage::RunSummary &fedhds, const storage::RunSummary &full);
};

} // namespace fp::ui
