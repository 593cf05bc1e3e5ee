#include "models/TrialDocument.h"

#include <QRegularExpression>

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <variant>

namespace fp::ui {
namespace {

using Json = nlohmann::ordered_json;
using Step = std::variant<std::string, size_t>; // an object key or an array index

// "sites[1].partition.clients" -> sites, 1, partition, clients.
std::vector<Step> stepsOf(const QString &path) {
    std::vector<Step> steps;
    static const QRegularExpression part(QStringLiteral("([^.\\[\\]]+)|\\[(\\d+)\\]"));
    for (auto it = part.globalMatch(path); it.hasNext();) {
        const auto match = it.next();
        if (match.capturedLength(1) > 0) {
            steps.emplace_back(match.captured(1).toStdString());
        } else {
            steps.emplace_back(size_t(match.captured(2).toULongLong()));
        }
    }
    return steps;
}

const Json *find(const Json &root, const QString &path) {
    const Json *at = &root;
    for (const Step &step : stepsOf(path)) {
        if (const auto *key = std::get_if<std::string>(&step)) {
            if (!at->is_object() || !at->contains(*key)) {
                return nullptr;
            }
            at = &(*at)[*key];
        } else {
            const size_t index = std::get<size_t>(step);
            if (!at->is_array() || index >= at->size()) {
                return nullptr;
            }
            at = &(*at)[index];
        }
    }
    return at;
}

// The value at path, creating objects on the way (an index must exist).
Json *make(Json &root, const QString &path) {
    Json *at = &root;
    for (const Step &step : stepsOf(path)) {
        if (const auto *key = std::get_if<std::string>(&step)) {
            if (!at->is_object()) {
                *at = Json::object();
            }
            at = &(*at)[*key];
        } else {
            const size_t index = std::get<size_t>(step);
            if (!at->is_array() || index >= at->size()) {
                return nullptr;
            }
            at = &(*at)[index];
        }
    }
    return at;
}

std::optional<Json> parsed(const QString &text) {
    Json value = Json::parse(text.toStdString(), nullptr, false);
    if (value.is_discarded()) {
        return std::nullopt;
    }
    return value;
}

Json numberOrText(const QString &text) {
    const QString trimmed = text.trimmed();
    static const QRegularExpression number(QStringLiteral("^-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?$"));
    if (number.match(trimmed).hasMatch()) {
        if (auto value = parsed(trimmed); value && value->is_number()) {
            return *value;
        }
    }
    return text.toStdString();
}

} // namespace

struct TrialDocument::Impl {
    Json root = Json::object();
    std::map<QString, std::string> removedAfter; // a removed key's path -> the key before it ("" : first)
};

TrialDocument::TrialDocument() : m_impl(std::make_unique<Impl>()) {
    m_impl->root = Json::parse(R"({"name": "", "model": {"path": ""}, "sites": [], "strategies": []})");
}

TrialDocument::TrialDocument(const TrialDocument &other) : m_impl(std::make_unique<Impl>(*other.m_impl)) {}

TrialDocument &TrialDocument::operator=(const TrialDocument &other) {
    *m_impl = *other.m_impl;
    return *this;
}

TrialDocument::~TrialDocument() = default;

TrialDocument TrialDocument::blank(const QString &name) {
    TrialDocument document;
    document.m_impl->root = Json::parse(R"({
        "name": "", "model": {"path": ""},
        "sites": [{"name": "site-1", "data": []}],
        "strategies": ["fedhds", "fedit"],
        "schedule": {"rounds": 3, "participation": 0.5}})");
    document.m_impl->root["name"] = name.toStdString();
    return document;
}

Result<TrialDocument> TrialDocument::fromText(const QString &text, const QString &origin) {
    auto value = parsed(text);
    if (!value || !value->is_object()) {
        return fail(ErrorCode::BadFormat, origin.toStdString() + ": not a JSON object");
    }
    TrialDocument document;
    document.m_impl->root = std::move(*value);
    return document;
}

QString TrialDocument::text() const { return QString::fromStdString(m_impl->root.dump(2) + "\n"); }

Result<engine::TrialSpec> TrialDocument::parse(const QString &baseDir, const QString &origin) const {
    return engine::parseTrial(m_impl->root.dump(), baseDir.toStdString(), origin.toStdString());
}

bool TrialDocument::has(const QString &path) const { return find(m_impl->root, path) != nullptr; }

QString TrialDocument::value(const QString &path, Kind kind) const {
    const Json *value = find(m_impl->root, path);
    if (!value) {
        return {};
    }
    if (value->is_string()) {
        return QString::fromStdString(value->get<std::string>());
    }
    if (kind == Kind::Lines && value->is_array()) {
        QStringList lines;
        for (const auto &item : *value) {
            lines << (item.is_string() ? QString::fromStdString(item.get<std::string>())
                                       : QString::fromStdString(item.dump()));
        }
        return lines.join(QLatin1Char('\n'));
    }
    return QString::fromStdString(value->dump());
}

namespace {

Json toJson(const QString &text, TrialDocument::Kind kind) {
    switch (kind) {
    case TrialDocument::Kind::Text: return text.toStdString();
    case TrialDocument::Kind::Number: return numberOrText(text);
    case TrialDocument::Kind::Bool:
        return text == QLatin1String("true")    ? Json(true)
               : text == QLatin1String("false") ? Json(false)
                                                : Json(text.toStdString());
    case TrialDocument::Kind::Lines: {
        Json lines = Json::array();
        for (const QString &line : text.split(QLatin1Char('\n'))) {
            if (!line.trimmed().isEmpty()) {
                lines.push_back(line.trimmed().toStdString());
            }
        }
        return lines;
    }
    case TrialDocument::Kind::Json: return parsed(text).value_or(Json(text.toStdString()));
    }
    return {};
}

// "a.b[2].c" -> ("a.b[2]", "c"); the parent is empty for a top-level key.
std::pair<QString, std::string> splitLastKey(const QString &path) {
    const int dot = path.lastIndexOf(QLatin1Char('.'));
    if (dot < 0) {
        return {QString(), path.toStdString()};
    }
    return {path.left(dot), path.mid(dot + 1).toStdString()};
}

} // namespace

void TrialDocument::setValue(const QString &path, const QString &text, Kind kind) {
    if (text.trimmed().isEmpty()) {
        remove(path);
        return;
    }
    // A key cleared and typed again (or set back after a removal) returns to where it was, so that editing a value
    // never reorders the file.
    const auto [parentPath, key] = splitLastKey(path);
    const auto removed = m_impl->removedAfter.find(path);
    if (removed != m_impl->removedAfter.end() && !has(path) && !key.empty() && key.find('[') == std::string::npos) {
        if (Json *parent = parentPath.isEmpty() ? &m_impl->root : make(m_impl->root, parentPath);
            parent && parent->is_object()) {
            Json rebuilt = Json::object();
            bool placed = false;
            if (removed->second.empty()) {
                rebuilt[key] = toJson(text, kind);
                placed = true;
            }
            for (auto &[k, v] : parent->items()) {
                rebuilt[k] = v;
                if (!placed && k == removed->second) {
                    rebuilt[key] = toJson(text, kind);
                    placed = true;
                }
            }
            if (!placed) {
                rebuilt[key] = toJson(text, kind);
            }
            *parent = std::move(rebuilt);
            return;
        }
    }
    if (Json *target = make(m_impl->root, path)) {
        *target = toJson(text, kind);
    }
}

void TrialDocument::remove(const QString &path) {
    const int dot = std::max(path.lastIndexOf(QLatin1Char('.')), path.lastIndexOf(QLatin1Char('[')));
    Json *parent = dot < 0 ? &m_impl->root : make(m_impl->root, path.left(dot));
    if (!parent) {
        return;
    }
    const auto steps = stepsOf(path);
    if (steps.empty()) {
        return;
    }
    if (const auto *key = std::get_if<std::string>(&steps.back()); key && parent->is_object()) {
        std::string previous;
        for (auto &[k, v] : parent->items()) {
            if (k == *key) {
                m_impl->removedAfter[path] = previous;
                break;
            }
            previous = k;
        }
        parent->erase(*key);
        // An object the edit left empty ("schedule": {}) goes too, as if never written.
        if (dot > 0 && parent->empty() && path[dot] == QLatin1Char('.')) {
            remove(path.left(dot));
        }
    } else if (const auto *index = std::get_if<size_t>(&steps.back()); index && parent->is_array()) {
        if (*index < parent->size()) {
            parent->erase(parent->begin() + long(*index));
        }
        m_impl->removedAfter.clear(); // array positions moved: forget the places of removed keys
    }
}

int TrialDocument::count(const QString &path) const {
    const Json *value = find(m_impl->root, path);
    return value && value->is_array() ? int(value->size()) : 0;
}

bool TrialDocument::isObject(const QString &path) const {
    const Json *value = find(m_impl->root, path);
    return value && value->is_object();
}

int TrialDocument::append(const QString &path, const QString &json) {
    Json *array = make(m_impl->root, path);
    if (!array) {
        return -1;
    }
    if (!array->is_array()) {
        *array = Json::array();
    }
    array->push_back(parsed(json).value_or(Json(json.toStdString())));
    return int(array->size()) - 1;
}

void TrialDocument::removeAt(const QString &path, int index) { remove(path + QStringLiteral("[%1]").arg(index)); }

void TrialDocument::setJson(const QString &path, const QString &json) {
    if (Json *target = make(m_impl->root, path)) {
        *target = parsed(json).value_or(Json(json.toStdString()));
    }
}

QString TrialDocument::fieldOfError(const QString &message, const QString &origin) {
    QString rest = message;
    if (const QString prefix = origin + QStringLiteral(": "); rest.startsWith(prefix)) {
        rest = rest.mid(prefix.size());
    }
    static const QRegularExpression field(
        QStringLiteral("^([A-Za-z_][A-Za-z0-9_]*(\\[\\d+\\]|\\.[A-Za-z_][A-Za-z0-9_]*)*): "));
    const auto match = field.match(rest);
    return match.hasMatch() ? match.captured(1) : QString();
}

} // namespace fp::ui
