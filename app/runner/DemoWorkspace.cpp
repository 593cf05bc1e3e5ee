#include "fedpilot/runner/DemoWorkspace.h"

#include "fedpilot/runner/TrialRunner.h"

#include "fedpilot/engine/ProgramPaths.h"
#include "fedpilot/engine/Trial.h"
#include "fedpilot/storage/RunStore.h"
#include "fedpilot/storage/WorkspaceInspection.h"

#include <system_error>

namespace fp::runner {

namespace fs = std::filesystem;

fs::path demoDir() {
    if (const auto installed = engine::installedDataDir()) {
        std::error_code ec;
        if (fs::exists(*installed / "demo" / kDemoTrialFile, ec)) {
            return *installed / "demo";
        }
    }
    return fs::path(FP_SOURCE_DEMO_DIR);
}

Result<bool> setUpDemoWorkspace(const fs::path &dir) {
    std::error_code ec;
    if (fs::exists(dir / storage::kWorkspaceDatabaseName, ec)) {
        return false;
    }
    ensureSharedDirVariable(); // the demo trial's paths name ${FP_SHARED_DIR}
    auto trial = engine::readTrialFile((demoDir() / kDemoTrialFile).string());
    if (!trial) {
        return std::unexpected(trial.error().withContext("the demo workspace"));
    }
    auto store = storage::RunStore::open(dir.string());
    if (!store) {
        return std::unexpected(store.error());
    }
    if (auto saved = store->saveTrial(*trial); !saved) {
        return std::unexpected(saved.error());
    }
    return true;
}

} // namespace fp::runner
