#include "models/MonitorSnapshot.h"

#include <algorithm>

namespace fp::ui {

bool MonitorSnapshot::live() const {
    return std::any_of(details.begin(), details.end(), [](const storage::RunDetail &d) {
        return d.summary.status == storage::kRunRunning || (d.summary.status == storage::kRunQueued && d.summary.owner);
    });
}

Result<MonitorSnapshot> readMonitorSnapshot(storage::RunStore &store, int64_t trialId) {
    auto runs = store.listRuns();
    if (!runs) {
        return std::unexpected(runs.error());
    }
    MonitorSnapshot snapshot;
    snapshot.runs = std::move(*runs);
    const auto hasTrial = [&](int64_t id) {
        return std::any_of(snapshot.runs.begin(), snapshot.runs.end(),
                           [id](const storage::RunSummary &r) { return r.trialId == id; });
    };
    if (trialId == 0 || !hasTrial(trialId)) {
        const auto running = std::find_if(snapshot.runs.begin(), snapshot.runs.end(), [](const storage::RunSummary &r) {
            return r.status == storage::kRunRunning;
        });
        trialId = running != snapshot.runs.end() ? running->trialId
                  : snapshot.runs.empty()        ? 0
                                                 : snapshot.runs.front().trialId;
    }
    snapshot.trialId = trialId;
    // listRuns is newest first; the trial's runs oldest first, as they were queued.
    for (auto it = snapshot.runs.rbegin(); it != snapshot.runs.rend(); ++it) {
        if (it->trialId != trialId) {
            continue;
        }
        auto detail = store.runDetail(it->id);
        if (!detail) {
            return std::unexpected(detail.error());
        }
        snapshot.details.push_back(std::move(*detail));
    }
    return snapshot;
}

} // namespace fp::ui
