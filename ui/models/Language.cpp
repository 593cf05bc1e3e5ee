#include "fedpilot/ui/Language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace fp::ui {
namespace {

struct Translators {
    QTranslator *console = nullptr;
    QTranslator *qt = nullptr;
    QString current = QStringLiteral("en");
};

Translators &translators() {
    static Translators t;
    return t;
}

void removeTranslator(QTranslator *&translator) {
    if (translator) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
        translator = nullptr;
    }
}

} // namespace

QStringList availableLanguages() { return {QStringLiteral("en"), QStringLiteral("ja")}; }

QString languageName(const QString &code) {
    if (code == QLatin1String("ja")) {
        return QStringLiteral("日本語");
    }
    return QStringLiteral("English");
}

QString applyLanguage(const QString &code) {
    QString wanted = code;
    if (wanted.isEmpty()) {
        wanted = QLocale().language() == QLocale::Japanese ? QStringLiteral("ja") : QStringLiteral("en");
    }
    if (!availableLanguages().contains(wanted)) {
        wanted = QStringLiteral("en");
    }
    Translators &t = translators();
    removeTranslator(t.console);
    removeTranslator(t.qt);
    if (wanted != QLatin1String("en")) {
        auto *qt = new QTranslator(QCoreApplication::instance());
        if (qt->load(QLocale(wanted), QStringLiteral("qtbase"), QStringLiteral("_"),
                     QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            QCoreApplication::installTranslator(qt);
            t.qt = qt;
        } else {
            delete qt;
        }
    }
    // English has a file too: its plural forms ("1 run", "2 runs").
    auto *console = new QTranslator(QCoreApplication::instance());
    if (console->load(QStringLiteral(":/i18n/fedpilot_") + wanted)) {
        QCoreApplication::installTranslator(console);
        t.console = console;
    } else {
        delete console;
        wanted = QStringLiteral("en");
    }
    t.current = wanted; // installing or removing a translator has posted LanguageChange to every widget
    return wanted;
}

QString currentLanguage() { return translators().current; }

} // namespace fp::ui
