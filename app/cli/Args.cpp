#include "Args.h"

#include <charconv>

namespace fp::app {

Result<Args> Args::parse(const std::vector<std::string> &argv, const std::set<std::string> &flags,
                         const std::set<std::string> &valued) {
    Args args;
    for (size_t i = 0; i < argv.size(); ++i) {
        const std::string &word = argv[i];
        if (word.rfind("--", 0) != 0 || word == "--") {
            args.m_positional.push_back(word);
            continue;
        }
        std::string name = word.substr(2);
        std::optional<std::string> inlineValue;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            inlineValue = name.substr(eq + 1);
            name.resize(eq);
        }
        if (flags.contains(name) && !inlineValue) {
            args.m_flags.insert(name);
        } else if (valued.contains(name)) {
            if (!inlineValue && i + 1 >= argv.size()) {
                return fail(ErrorCode::InvalidArgument, "option --" + name + " needs a value");
            }
            args.m_values[name] = inlineValue ? *inlineValue : argv[++i];
        } else {
            return fail(ErrorCode::InvalidArgument, "unknown option --" + name);
        }
    }
    return args;
}

bool Args::has(const std::string &name) const { return m_flags.contains(name) || m_values.contains(name); }

std::optional<std::string> Args::value(const std::string &name) const {
    const auto it = m_values.find(name);
    return it == m_values.end() ? std::nullopt : std::optional<std::string>(it->second);
}

std::string Args::valueOr(const std::string &name, const std::string &fallback) const {
    return value(name).value_or(fallback);
}

Result<long long> Args::integer(const std::string &name, long long fallback, long long min, long long max) const {
    const auto text = value(name);
    if (!text) {
        return fallback;
    }
    long long parsed = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), parsed);
    if (ec != std::errc() || end != text->data() + text->size() || parsed < min || parsed > max) {
        return fail(ErrorCode::InvalidArgument, "--" + name + ": expected an integer from " + std::to_string(min) +
                                                    " to " + std::to_string(max) + ", got '" + *text + "'");
    }
    return parsed;
}

Result<double> Args::number(const std::string &name, double fallback) const {
    const auto text = value(name);
    if (!text) {
        return fallback;
    }
    try {
        size_t used = 0;
        const double parsed = std::stod(*text, &used);
        if (used == text->size()) {
            return parsed;
        }
    } catch (const std::exception &) {
    }
    return fail(ErrorCode::InvalidArgument, "--" + name + ": expected a number, got '" + *text + "'");
}

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

} // namespace fp::app
