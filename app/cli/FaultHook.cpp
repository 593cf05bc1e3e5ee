// Test-only: linked into fedpilot-cli-faults and nothing else (never installed). Overrides fp_storage's weak,
// empty faultPoint (FaultPoint.h) so that FP_FAULT_KILL_AT="<point>:<round>" kills the process at that point.
#include "fedpilot/storage/FaultPoint.h"

#include <csignal>
#include <cstdlib>
#include <string>

namespace fp::storage {

void faultPoint(const char *point, int round) {
    static const std::string wanted = [] {
        const char *value = std::getenv("FP_FAULT_KILL_AT");
        return std::string(value ? value : "");
    }();
    if (!wanted.empty() && wanted == std::string(point) + ":" + std::to_string(round)) {
        std::raise(SIGKILL);
    }
}

} // namespace fp::storage
