#pragma once

// Crash testing: the run journal calls faultPoint(point, round) at "checkpoint-written", "before-commit" and
// "round-committed" of each round it records. The library's own definition does nothing; the test program
// fedpilot-cli-faults links a definition that SIGKILLs the process when FP_FAULT_KILL_AT="<point>:<round>", so that
// the e2e tests can kill a run inside a checkpoint write, which a timer cannot hit reliably.
namespace fp::storage {

void faultPoint(const char *point, int round);

} // namespace fp::storage
