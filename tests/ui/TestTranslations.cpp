// Every string the console shows is translated in both languages. lupdate scans ui/ and app/gui exactly as
// ui/CMakeLists.txt says to refresh the catalogues; then:
//  - Japanese (resources/translations/fedpilot_ja.ts): every scanned message is there with a finished, non-empty
//    translation (every plural form), using the same placeholders as its source; the catalogue holds nothing
//    unfinished, vanished or obsolete, and no message the sources no longer have;
//  - English (fedpilot_en.ts, plural forms only): every scanned "%n" message is there with both forms finished.
// A string added with tr() and not translated fails here, naming its context and text.
#include <QDir>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {

struct Message {
    QString context;
    QString source;
    QString comment;
    bool numerus = false;
    QString type;      // the translation's type attribute: "", "unfinished", "vanished", "obsolete"
    QStringList forms; // the translation, or each numerus form
    QString where;     // the first location, "file:line"
    [[nodiscard]] QString key() const { return context + QChar(0x1f) + source + QChar(0x1f) + comment; }
    [[nodiscard]] QString name() const {
        return QStringLiteral("%1 \"%2\"%3 (%4)")
            .arg(context, source, comment.isEmpty() ? QString() : QStringLiteral(" [%1]").arg(comment), where);
    }
};

struct Catalogue {
    QList<Message> messages;
    QString error; // empty when read
};

Message readMessage(QXmlStreamReader &xml, const QString &context) {
    Message m;
    m.context = context;
    m.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
    while (xml.readNextStartElement()) {
        const auto name = xml.name();
        if (name == QLatin1String("source")) {
            m.source = xml.readElementText();
        } else if (name == QLatin1String("comment")) {
            m.comment = xml.readElementText();
        } else if (name == QLatin1String("location")) {
            if (m.where.isEmpty()) {
                m.where = xml.attributes().value(QLatin1String("filename")).toString() + QLatin1Char(':') +
                          xml.attributes().value(QLatin1String("line")).toString();
            }
            xml.skipCurrentElement();
        } else if (name == QLatin1String("translation")) {
            m.type = xml.attributes().value(QLatin1String("type")).toString();
            if (m.numerus) {
                while (xml.readNextStartElement()) {
                    if (xml.name() == QLatin1String("numerusform")) {
                        m.forms << xml.readElementText();
                    } else {
                        xml.skipCurrentElement();
                    }
                }
            } else {
                m.forms << xml.readElementText();
            }
        } else {
            xml.skipCurrentElement();
        }
    }
    return m;
}

Catalogue readCatalogue(const QString &path) {
    Catalogue c;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        c.error = path + QStringLiteral(": cannot open: ") + file.errorString();
        return c;
    }
    QXmlStreamReader xml(&file);
    if (!xml.readNextStartElement() || xml.name() != QLatin1String("TS")) {
        c.error = path + QStringLiteral(": not a Qt Linguist TS file");
        return c;
    }
    while (xml.readNextStartElement()) {
        if (xml.name() != QLatin1String("context")) {
            xml.skipCurrentElement();
            continue;
        }
        QString context;
        while (xml.readNextStartElement()) {
            if (xml.name() == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (xml.name() == QLatin1String("message")) {
                c.messages << readMessage(xml, context);
            } else {
                xml.skipCurrentElement();
            }
        }
    }
    if (xml.hasError()) {
        c.error = QStringLiteral("%1:%2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
    }
    return c;
}

// The %1..%99 and %n placeholders of a text, as a set.
QSet<QString> placeholders(const QString &text) {
    static const QRegularExpression re(QStringLiteral("%(\\d{1,2}|n)"));
    QSet<QString> found;
    for (auto it = re.globalMatch(text); it.hasNext();) {
        found << it.next().captured(0);
    }
    return found;
}

// What is wrong with a catalogue entry's translation, or an empty string.
QString translationProblem(const Message &m, int pluralForms) {
    if (!m.type.isEmpty()) {
        return QStringLiteral("marked %1").arg(m.type);
    }
    if (m.numerus && m.forms.size() != pluralForms) {
        return QStringLiteral("%1 plural form(s), the language has %2").arg(m.forms.size()).arg(pluralForms);
    }
    if (m.forms.isEmpty()) {
        return QStringLiteral("no translation");
    }
    for (const QString &form : m.forms) {
        if (form.trimmed().isEmpty()) {
            return QStringLiteral("an empty translation");
        }
        if (placeholders(form) != placeholders(m.source)) {
            return QStringLiteral("placeholders differ from the source: \"%1\"").arg(form);
        }
    }
    return {};
}

QString sourceDir() { return qEnvironmentVariable("FP_SOURCE_DIR"); }
QString catalogue(const char *language) {
    return sourceDir() + QStringLiteral("/resources/translations/fedpilot_%1.ts").arg(QLatin1String(language));
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // The sources' messages, scanned by lupdate into a fresh catalogue (all of them new, none translated).
    void initTestCase() {
        QVERIFY2(QFile::exists(sourceDir() + QStringLiteral("/ui/MainWindow.cpp")), "FP_SOURCE_DIR is not set");
        QVERIFY(m_scratch.isValid());
        const QString scanned = m_scratch.filePath(QStringLiteral("scan.ts"));
        QProcess lupdate;
        lupdate.setWorkingDirectory(sourceDir());
        lupdate.start(QStringLiteral(FP_LUPDATE),
                      {QStringLiteral("-no-obsolete"), QStringLiteral("-silent"), QStringLiteral("ui"),
                       QStringLiteral("app/gui"), QStringLiteral("-ts"), scanned});
        QVERIFY2(lupdate.waitForFinished(120000), FP_LUPDATE);
        QVERIFY2(lupdate.exitCode() == 0, lupdate.readAllStandardError().constData());
        const Catalogue scan = readCatalogue(scanned);
        QVERIFY2(scan.error.isEmpty(), qPrintable(scan.error));
        m_scanned = scan.messages;
        QVERIFY2(m_scanned.size() > 100, qPrintable(QString::number(m_scanned.size()))); // the console's strings
    }

    void japaneseTranslatesEveryUiString() {
        const Catalogue ja = readCatalogue(catalogue("ja"));
        QVERIFY2(ja.error.isEmpty(), qPrintable(ja.error));
        QHash<QString, Message> byKey;
        QStringList problems;
        for (const Message &m : ja.messages) {
            byKey.insert(m.key(), m);
            if (const QString p = translationProblem(m, 1); !p.isEmpty()) {
                problems << m.name() + QStringLiteral(": ") + p;
            }
        }
        QSet<QString> scannedKeys;
        for (const Message &m : m_scanned) {
            scannedKeys << m.key();
            if (!byKey.contains(m.key())) {
                problems << m.name() + QStringLiteral(": missing from fedpilot_ja.ts (run lupdate, then translate)");
            }
        }
        for (const Message &m : ja.messages) {
            if (!scannedKeys.contains(m.key())) {
                problems << m.name() + QStringLiteral(": no longer in the sources (lupdate -no-obsolete drops it)");
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    // English is the sources' language; only its plural forms need a catalogue.
    void englishHasEveryPluralForm() {
        const Catalogue en = readCatalogue(catalogue("en"));
        QVERIFY2(en.error.isEmpty(), qPrintable(en.error));
        QHash<QString, Message> byKey;
        QStringList problems;
        for (const Message &m : en.messages) {
            byKey.insert(m.key(), m);
            if (!m.numerus) {
                problems << m.name() + QStringLiteral(": not a plural message (lupdate -pluralonly)");
            } else if (const QString p = translationProblem(m, 2); !p.isEmpty()) {
                problems << m.name() + QStringLiteral(": ") + p;
            }
        }
        int plurals = 0;
        QSet<QString> scannedPlurals;
        for (const Message &m : m_scanned) {
            if (!m.numerus) {
                continue;
            }
            ++plurals;
            scannedPlurals << m.key();
            if (!byKey.contains(m.key())) {
                problems << m.name() + QStringLiteral(": missing from fedpilot_en.ts (lupdate -pluralonly)");
            }
        }
        for (const Message &m : en.messages) {
            if (!scannedPlurals.contains(m.key())) {
                problems << m.name() + QStringLiteral(": no longer in the sources");
            }
        }
        QVERIFY(plurals > 0);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    // The checks themselves catch what they are for.
    void problemsAreFound() {
        Message m{QStringLiteral("fp::ui::X"), QStringLiteral("Run %1 of %2"), {}, false, {}, {}, {}};
        QVERIFY(!translationProblem(m, 1).isEmpty()); // no translation
        m.forms = {QStringLiteral("実行 %1")};
        QVERIFY(translationProblem(m, 1).contains(QStringLiteral("placeholders")));
        m.forms = {QStringLiteral("実行 %1 / %2")};
        QCOMPARE(translationProblem(m, 1), QString());
        m.type = QStringLiteral("unfinished");
        QVERIFY(translationProblem(m, 1).contains(QStringLiteral("unfinished")));
        Message plural{
            QStringLiteral("fp::ui::X"), QStringLiteral("%n run(s)"), {}, true, {}, {QStringLiteral("%n run")}, {}};
        QVERIFY(translationProblem(plural, 2).contains(QStringLiteral("plural form")));
        plural.forms << QString();
        QVERIFY(translationProblem(plural, 2).contains(QStringLiteral("empty")));
    }

private:
    QTemporaryDir m_scratch;
    QList<Message> m_scanned;
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "TestTranslations.moc"
