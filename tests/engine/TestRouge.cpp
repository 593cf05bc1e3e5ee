// Rouge-L as rouge-score computes it (use_stemmer=False). The package is not installable here, so every
// expected value is derived by hand in the row's comment: tokens, LCS, then P = lcs/|pred|, R = lcs/|ref|,
// F = 2PR/(P+R).
#include "fedpilot/engine/Rouge.h"

#include <QTest>

#include <string>
#include <vector>

using namespace fp::engine;

class TestRouge : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void tokens_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected"); // tokens joined by single spaces
        QTest::addRow("punctuation and case") << "Hello, World!"
                                              << "hello world";
        QTest::addRow("digits stay") << "Version 2.0 (42x)"
                                     << "version 2 0 42x";
        QTest::addRow("underscore and apostrophe split") << "snake_case don't"
                                                         << "snake case don t";
        QTest::addRow("whitespace of every kind") << "a\tb\nc  \r\n d"
                                                  << "a b c d";
        QTest::addRow("non-ASCII letters separate") << "café naïve"
                                                    << "caf na ve";
        QTest::addRow("CJK alone is nothing") << "日本語"
                                              << "";
        // Python lowers KELVIN SIGN to "k" and U+0130 to "i" + combining dot (a separator).
        QTest::addRow("kelvin sign lowers to k") << "\u212Aelvin"
                                                 << "kelvin";
        QTest::addRow("dotted capital I") << "\u0130stanbul"
                                          << "i stanbul";
        QTest::addRow("empty") << ""
                               << "";
        QTest::addRow("only punctuation") << "?!-- ..."
                                          << "";
    }
    void tokens() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        std::string actual;
        for (const auto &t : rougeTokens(text.toStdString())) {
            actual += (actual.empty() ? "" : " ") + t;
        }
        QCOMPARE(QString::fromStdString(actual), expected);
    }

    void scores_data() {
        QTest::addColumn<QString>("prediction");
        QTest::addColumn<QString>("reference");
        QTest::addColumn<double>("precision");
        QTest::addColumn<double>("recall");
        QTest::addColumn<double>("fmeasure");
        QTest::addRow("identical") << "the cat sat"
                                   << "the cat sat" << 1.0 << 1.0 << 1.0;
        QTest::addRow("punctuation and case ignored") << "Hello, WORLD!"
                                                      << "hello world" << 1.0 << 1.0 << 1.0;
        QTest::addRow("hyphens are spaces") << "state-of-the-art"
                                            << "state of the art" << 1.0 << 1.0 << 1.0;
        // [version 2 0 released] vs [version 20 released]: lcs 2; P 2/4, R 2/3, F (2/3)/(7/6) = 4/7.
        QTest::addRow("digits") << "version 2.0 released"
                                << "version 20 released" << 0.5 << 2.0 / 3 << 4.0 / 7;
        // [caf au lait] vs [cafe au lait]: lcs 2 (au lait); P = R = F = 2/3.
        QTest::addRow("unicode letter splits") << "café au lait"
                                               << "cafe au lait" << 2.0 / 3 << 2.0 / 3 << 2.0 / 3;
        // [the the the] vs [the cat the]: lcs 2 (the the); P = R = F = 2/3.
        QTest::addRow("repeated tokens") << "the the the"
                                         << "the cat the" << 2.0 / 3 << 2.0 / 3 << 2.0 / 3;
        // Lin (2004): [police killed the gunman] vs [police kill the gunman]: lcs 3; P = R = F = 3/4.
        QTest::addRow("Lin 2004 S2") << "police kill the gunman"
                                     << "police killed the gunman" << 0.75 << 0.75 << 0.75;
        // [the gunman kill police] vs [police killed the gunman]: lcs 2 (the gunman); P = R = F = 1/2.
        QTest::addRow("Lin 2004 S3") << "the gunman kill police"
                                     << "police killed the gunman" << 0.5 << 0.5 << 0.5;
        // [a b c d] vs [d c b a]: lcs 1; P = R = F = 1/4.
        QTest::addRow("reversed") << "a b c d"
                                  << "d c b a" << 0.25 << 0.25 << 0.25;
        // [the cat] vs [the cat sat on the mat]: lcs 2; P 1, R 1/3, F (2/3)/(4/3) = 1/2.
        QTest::addRow("short prediction") << "the cat"
                                          << "the cat sat on the mat" << 1.0 << 1.0 / 3 << 0.5;
        // [a x b y c] vs [a b c]: lcs 3; P 3/5, R 1, F (6/5)/(8/5) = 3/4.
        QTest::addRow("subsequence with gaps") << "a x b y c"
                                               << "a b c" << 0.6 << 1.0 << 0.75;
        QTest::addRow("nothing shared") << "a b"
                                        << "c d" << 0.0 << 0.0 << 0.0;
        QTest::addRow("empty prediction") << ""
                                          << "the cat" << 0.0 << 0.0 << 0.0;
        QTest::addRow("empty reference") << "the cat"
                                         << "" << 0.0 << 0.0 << 0.0;
        QTest::addRow("both empty") << ""
                                    << "" << 0.0 << 0.0 << 0.0;
        QTest::addRow("punctuation only") << "!!!"
                                          << "..." << 0.0 << 0.0 << 0.0;
    }
    void scores() {
        QFETCH(QString, prediction);
        QFETCH(QString, reference);
        QFETCH(double, precision);
        QFETCH(double, recall);
        QFETCH(double, fmeasure);
        const RougeScore s = rougeL(prediction.toStdString(), reference.toStdString());
        QVERIFY2(std::abs(s.precision - precision) < 1e-12, std::to_string(s.precision).c_str());
        QVERIFY2(std::abs(s.recall - recall) < 1e-12, std::to_string(s.recall).c_str());
        QVERIFY2(std::abs(s.fmeasure - fmeasure) < 1e-12, std::to_string(s.fmeasure).c_str());
    }

    void longSequences() {
        // Prediction: w0 .. w2999. Reference: the even words, each followed by a word the prediction lacks.
        // The LCS is the 1500 even words: P = 1500/3000, R = 1500/3000, F = 1/2.
        std::string prediction;
        std::string reference;
        for (int i = 0; i < 3000; ++i) {
            prediction += "w" + std::to_string(i) + " ";
            if (i % 2 == 0) {
                reference += "w" + std::to_string(i) + " other ";
            }
        }
        const RougeScore s = rougeL(prediction, reference);
        QCOMPARE(s.precision, 0.5);
        QCOMPARE(s.recall, 0.5);
        QCOMPARE(s.fmeasure, 0.5);
        // The LCS does not depend on which side is longer.
        const RougeScore swapped = rougeL(reference, prediction);
        QCOMPARE(swapped.precision, s.recall);
        QCOMPARE(swapped.recall, s.precision);
    }

    void bestOverReferences() {
        QCOMPARE(rougeLBest("the cat sat", {}), 0.0);
        QCOMPARE(rougeLBest("the cat sat", {"a dog", "The cat sat.", "the cat"}), 1.0);
        // "the cat" scores F 4/5 ([the cat] vs [the cat sat]: P 1, R 2/3); "a dog" 0.
        QVERIFY(std::abs(rougeLBest("the cat sat", {"a dog", "the cat"}) - 0.8) < 1e-12);
        QCOMPARE(rougeLBest("", {"the cat"}), 0.0);
    }
};

QTEST_APPLESS_MAIN(TestRouge)
#include "TestRouge.moc"
