#pragma once
// The console's language, switchable while it runs: installing the translators makes Qt send every widget a
// LanguageChange event, and each page and the window set their texts again.

#include <QString>
#include <QStringList>

namespace fp::ui {

// The languages the console speaks: "en" and "ja".
[[nodiscard]] QStringList availableLanguages();
// The language's own name ("English", "日本語").
[[nodiscard]] QString languageName(const QString &code);

// Switches the application to code ("en", "ja"; "" follows the system locale: Japanese when it is Japanese,
// else English): removes the translators it installed before, installs the console's (embedded :/i18n) and Qt's
// own for that language. Returns the code in effect ("en" or "ja"). Call on the GUI thread with a
// QCoreApplication alive.
QString applyLanguage(const QString &code);
// The code applyLanguage last put in effect ("en" before any call).
[[nodiscard]] QString currentLanguage();

} // namespace fp::ui
