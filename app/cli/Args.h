#pragma once

#include "fedpilot/engine/Error.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace fp::app {

// Command-line arguments: positional words, `--key value` options and `--flag` switches.
// Every option a command accepts is declared, so a typo is an error instead of silently ignored.
class Args {
public:
    // flags: options without a value. valued: options that take one value.
    static Result<Args> parse(const std::vector<std::string> &argv, const std::set<std::string> &flags,
                              const std::set<std::string> &valued);

    [[nodiscard]] const std::vector<std::string> &positional() const { return m_positional; }
    [[nodiscard]] bool has(const std::string &name) const;
    [[nodiscard]] std::optional<std::string> value(const std::string &name) const;
    [[nodiscard]] std::string valueOr(const std::string &name, const std::string &fallback) const;
    // The option as an integer in [min, max]; an error names the option when it is not one.
    [[nodiscard]] Result<long long> integer(const std::string &name, long long fallback, long long min,
                                            long long max) const;
    [[nodiscard]] Result<double> number(const std::string &name, double fallback) const;

private:
    std::vector<std::string> m_positional;
    std::map<std::string, std::string> m_values;
    std::set<std::string> m_flags;
};

// Exit codes shared by the command-line programs.
enum ExitCode : int {
    ExitOk = 0,
    ExitFailure = 1,   // the work failed (see the message)
    ExitUsage = 2,     // bad command line
    ExitBadInput = 3,  // a file or input was malformed or missing
    ExitCancelled = 4, // interrupted
};

int exitCodeFor(const Error &error);

} // namespace fp::app
