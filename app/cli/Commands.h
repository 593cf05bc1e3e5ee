#pragma once

#include "fedpilot/engine/Error.h"

#include <string>
#include <vector>

// Each fedpilot-cli subcommand: takes its own arguments (after the command word), prints, returns an exit code.
namespace fp::app {

int runInfo(const std::vector<std::string> &arguments);
int runDemo(const std::vector<std::string> &arguments);
int runGenerate(const std::vector<std::string> &arguments);
int runConvert(const std::vector<std::string> &arguments);
int runCluster(const std::vector<std::string> &arguments);
int runSelect(const std::vector<std::string> &arguments);
int runRun(const std::vector<std::string> &arguments);
int runResume(const std::vector<std::string> &arguments);
int runRuns(const std::vector<std::string> &arguments);
int runAgents(const std::vector<std::string> &arguments);
int runTls(const std::vector<std::string> &arguments);

// Prints "fedpilot-cli <command>: <message>" to stderr and returns the exit code for the error.
int reportError(const std::string &command, const fp::Error &error);
// The same for an error from reading an input file (model, tokenizer, adapter, data, trial file): exit 3 whatever
// the loader's error code, since the command line itself was accepted.
int reportInputError(const std::string &command, const fp::Error &error);

} // namespace fp::app
