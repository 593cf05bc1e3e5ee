#pragma once

#include "fedpilot/engine/Error.h"
#include "fedpilot/engine/Trial.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace fp::ui {

// A trial file being edited: the JSON object as read (key order, and every key the editor does not show, kept),
// changed only where a field is edited. Fields are addressed by the JSON paths readTrialFile's messages name
// ("schedule.rounds", "sites[1].partition.clients", "strategies[2]"). Validation is engine::parseTrial on the text:
// the editor never checks a value itself, so its messages are readTrialFile's.
class TrialDocument {
public:
    // How a field's text becomes JSON. Empty text removes the key (the field takes its default) for every kind.
    enum class Kind {
        Text,   // a JSON string
        Number, // a JSON number when the text is one ("3e-4", "10"), else the text as a string (the parser then
                // says what it expected)
        Bool,   // "true" / "false"
        Lines,  // an array of strings, one per non-empty line
        Json,   // any JSON value written out (a strategy's selection overrides); invalid JSON is kept as a string
    };

    TrialDocument(); // {"name": "", "model": {"path": ""}, "sites": [], "strategies": []}
    TrialDocument(const TrialDocument &other);
    TrialDocument &operator=(const TrialDocument &other);
    ~TrialDocument();

    // A document for "New trial…": a name, the fields a trial needs, strategies fedhds and fedit, one local site.
    static TrialDocument blank(const QString &name);
    // Parses a trial file's text (any JSON object; the fields are checked by parse()). Errors: BadFormat naming
    // origin when the text is not a JSON object.
    static Result<TrialDocument> fromText(const QString &text, const QString &origin);

    // The file's text: two-space indentation, keys in the order read (new keys after the existing ones), newline
    // at the end.
    [[nodiscard]] QString text() const;
    // engine::parseTrial on text(): relative paths resolve against baseDir, origin names the source in messages.
    [[nodiscard]] Result<engine::TrialSpec> parse(const QString &baseDir, const QString &origin) const;

    [[nodiscard]] bool has(const QString &path) const;
    // The field as the editor shows it: a string as is, a number or boolean as JSON, an array of strings one per
    // line (Lines), anything else as compact JSON; empty when absent.
    [[nodiscard]] QString value(const QString &path, Kind kind) const;
    // Sets the field from the editor's text (see Kind); empty text removes it. Objects on the way are created.
    void setValue(const QString &path, const QString &text, Kind kind);
    void remove(const QString &path);

    // Arrays of objects or strings (sites, strategies).
    [[nodiscard]] int count(const QString &path) const;
    [[nodiscard]] bool isObject(const QString &path) const;
    // Appends a value given as JSON text to the array at path (created when absent); returns its index.
    int append(const QString &path, const QString &json);
    void removeAt(const QString &path, int index);
    // Replaces the value at path with JSON text (kept as a string when it is not JSON).
    void setJson(const QString &path, const QString &json);

    // The field path a parser message names: "<origin>: sites[1].data: ..." gives "sites[1].data"; empty when the
    // message names none.
    [[nodiscard]] static QString fieldOfError(const QString &message, const QString &origin);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace fp::ui
