#include "CommandLine.h"

#include <charconv>
#include <iostream>
#include <regex>

namespace fp::app {

int exitCodeFor(const Error &error) {
    switch (error.code) {
    case ErrorCode::InvalidArgument: return ExitUsage;
    case ErrorCode::NotFound:
    case ErrorCode::BadFormat:
    case ErrorCode::Unsupported: return ExitBadInput;
    case ErrorCode::Cancelled: return ExitCancelled;
    default: return ExitFailure;
    }
}

int exitCodeForInput(const Error &error) {
    return error.code == ErrorCode::InvalidArgument ? ExitBadInput : exitCodeFor(error);
}

CommandLine::CommandLine(const std::string &name, const std::string &description) : CLI::App(description, name) {
    // Unknown words are collected and reported by accept(), in our words ("unknown option --x").
    allow_extras();
    option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::Throw);
    get_formatter()->column_width(34);
}

namespace {

// CLI11's "--model: At Most 1 required but received 2" says the same thing less plainly.
std::string plainMessage(const CLI::ParseError &error) {
    static const std::regex atMost(R"(^(\S+): At Most 1 required but received (\d+)$)");
    const std::string text = error.what();
    std::smatch m;
    if (std::regex_match(text, m, atMost)) {
        return m[1].str() + " was given " + m[2].str() + " times; it takes one value";
    }
    return text;
}

} // namespace

std::optional<int> CommandLine::accept(const std::vector<std::string> &arguments) {
    std::vector<std::string> reversed(arguments.rbegin(), arguments.rend()); // CLI11 takes them last first
    // An unknown word is reported first: "--mode is required" would not help someone who typed "--mod".
    const auto reportUnknown = [this]() -> std::optional<int> {
        for (const auto &word : remaining()) {
            if (word.size() > 1 && word[0] == '-' && word != "--") {
                std::cerr << get_name() << ": unknown option " << word.substr(0, word.find('=')) << " (see --help)\n";
            } else {
                std::cerr << get_name() << ": unexpected argument '" << word << "' (see --help)\n";
            }
            return ExitUsage;
        }
        return std::nullopt;
    };
    try {
        parse(reversed);
    } catch (const CLI::CallForHelp &) {
        std::cout << help();
        return ExitOk;
    } catch (const CLI::ParseError &error) {
        if (const auto code = reportUnknown()) {
            return code;
        }
        std::cerr << get_name() << ": " << plainMessage(error) << " (see --help)\n";
        return ExitUsage;
    }
    return reportUnknown();
}

CLI::Validator integerFrom(long long min, long long max) {
    return CLI::Validator(
        [min, max](std::string &text) -> std::string {
            long long parsed = 0;
            const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
            if (ec == std::errc() && end == text.data() + text.size() && parsed >= min && parsed <= max) {
                return {};
            }
            return "expected an integer from " + std::to_string(min) + " to " + std::to_string(max) + ", got '" + text +
                   "'";
        },
        "");
}

CLI::Validator realNumber() {
    return CLI::Validator(
        [](std::string &text) -> std::string {
            try {
                size_t used = 0;
                (void)std::stod(text, &used);
                if (used == text.size()) {
                    return {};
                }
            } catch (const std::exception &) {
            }
            return "expected a number, got '" + text + "'";
        },
        "");
}

} // namespace fp::app
