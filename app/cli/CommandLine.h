#pragma once

#include "fedpilot/engine/Error.h"

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

// Command lines of fedpilot-cli's subcommands and of fedpilot-agent, parsed with CLI11, with one set of rules:
// `--help` on every command, a typo or an unexpected word is an error that names it, an option that takes one value
// may be given once (options that collect, like `select --data`, are declared as lists), and errors exit 2.
namespace fp::app {

// Exit codes shared by the command-line programs (README.md, "exit codes").
enum ExitCode : int {
    ExitOk = 0,
    ExitFailure = 1,   // the work failed (see the message)
    ExitUsage = 2,     // bad command line
    ExitBadInput = 3,  // a file or input was malformed or missing
    ExitCancelled = 4, // interrupted
};

// The exit code for an error of the work itself (after the command line was accepted).
int exitCodeFor(const Error &error);

// The exit code for an error from reading an input file (model, tokenizer, adapter, data, trial or site file):
// whatever the loader calls it, a file that is wrong is bad input (3), never a bad command line (2).
int exitCodeForInput(const Error &error);

// The command line of one command, e.g. "fedpilot-cli select": declare its options as with CLI::App, then accept().
class CommandLine : public CLI::App {
public:
    CommandLine(const std::string &name, const std::string &description);

    // Parses arguments (the words after the program or command name). Returns nothing when they are accepted;
    // otherwise the exit code: 0 after printing the help asked for with --help/-h, 2 after printing
    // "<name>: <message>" to stderr for a bad command line (unknown option, missing or repeated value, bad number).
    std::optional<int> accept(const std::vector<std::string> &arguments);
};

// Validators with messages that name the option and the value: "--threads: expected an integer from 1 to 1024,
// got 'zero'".
CLI::Validator integerFrom(long long min, long long max);
CLI::Validator realNumber();

} // namespace fp::app
