// Rouge-L as rouge-score computes it (use_stemmer=False), and as the `rouge` 1.0.1 package (pltrdy) computes it
// (RougeVariant::Pltrdy, docs/rouge.md). Neither package is installable here, so every expected value is derived
// by hand in the row's comment. rouge-score: tokens, LCS, then P = lcs/|pred|, R = lcs/|ref|, F = 2PR/(P+R).
// pltrdy: sentences (cut at '.'), words (cut at whitespace, case kept), the union u of one LCS per (reference
// sentence, prediction sentence) as a set of words, P = |u|/distinct prediction words, R = |u|/distinct
// reference words, F = 2 * (P * R / (P + R + 1e-8)).
#include "fedpilot/engine/Rouge.h"

#include <QTest>

#include <string>
#include <vector>

using namespace fp::engine;

namespace {

// The pltrdy package's F from P and R, in its order of operations.
double pltrdyF(double p, double r) { return 2.0 * ((p * r) / (p + r + 1e-8)); }

} // namespace

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

    void pltrdySentences_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected"); // each sentence in brackets, its words joined by '|'
        QTest::addRow("one sentence, case and commas kept") << "The Cat, sat"
                                                            << "[The|Cat,|sat]";
        QTest::addRow("cut at every dot") << "a b. c d"
                                          << "[a|b][c|d]";
        QTest::addRow("empty pieces dropped") << "..a..b."
                                              << "[a][b]";
        QTest::addRow("decimal point cuts too") << "pi is 3.14"
                                                << "[pi|is|3][14]";
        // " " passes the package's len() > 0 test before " ".join(" ".split()) empties it: one empty word.
        QTest::addRow("whitespace piece is one empty word") << "a. "
                                                            << "[a][]";
        QTest::addRow("runs of whitespace of every kind") << "a \t\n b\u00A0c\u3000d"
                                                          << "[a|b|c|d]";
        QTest::addRow("empty") << ""
                               << "";
        QTest::addRow("only dots") << "..."
                                   << "";
    }
    void pltrdySentences() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        std::string actual;
        for (const auto &sentence : fp::engine::pltrdySentences(text.toStdString())) {
            actual += '[';
            for (size_t i = 0; i < sentence.size(); ++i)
                actual += (i > 0 ? "|" : "") + sentence[i];
            actual += ']';
        }
        QCOMPARE(QString::fromStdString(actual), expected);
    }

    // Rows where the two definitions disagree; each gives both.
    void variantsDiffer_data() {
        QTest::addColumn<QString>("prediction");
        QTest::addColumn<QString>("reference");
        QTest::addColumn<double>("rougeScoreF");
        QTest::addColumn<double>("pltrdyP");
        QTest::addColumn<double>("pltrdyR");
        // rouge-score: [the cat sat] both sides, F 1. pltrdy: {The, Cat, sat} vs {the, cat, sat}, u = {sat}.
        QTest::addRow("case") << "The Cat sat"
                              << "the cat sat" << 1.0 << 1.0 / 3 << 1.0 / 3;
        // rouge-score: [yes it is] both sides. pltrdy: "yes," is not "yes"; u = {it, is}.
        QTest::addRow("punctuation") << "yes, it is"
                                     << "yes it is" << 1.0 << 2.0 / 3 << 2.0 / 3;
        // rouge-score: [a b c d] vs [c d a b], LCS 2, F 1/2. pltrdy: sentences [a b], [c d] against [c d a b]:
        // LCSs {a, b} and {c, d}, u has 4 of 4 words on each side.
        QTest::addRow("multi-sentence union") << "a b. c d"
                                              << "c d a b" << 0.5 << 1.0 << 1.0;
        // rouge-score: [the the the] vs [the cat], LCS 1: P 1/3, R 1/2, F 0.4. pltrdy counts distinct words:
        // {the} vs {the, cat}, u = {the}: P 1, R 1/2.
        QTest::addRow("repeated words") << "the the the"
                                        << "the cat" << 0.4 << 1.0 << 0.5;
        // rouge-score: [a] vs [a], F 1. pltrdy: sentences [a], [""]: distinct prediction words {a, ""}, u = {a}.
        QTest::addRow("trailing space after a dot") << "a. "
                                                    << "a" << 1.0 << 0.5 << 1.0;
        // rouge-score: [b a a] vs [a b], LCS 1: P 1/3, R 1/2, F 0.4. pltrdy: against [a b], sentence [b a] reads
        // back the LCS {b} (at a tie the backtracking steps in the prediction), sentence [a] gives {a}: u = {a, b}.
        // Had [b a] given {a}, u would be {a} and R 1/2.
        QTest::addRow("LCS read back as the package does") << "b a. a"
                                                           << "a b" << 0.4 << 1.0 << 1.0;
        // Both zero by different roads: rouge-score has no token; pltrdy has no sentence (ValueError -> 0).
        QTest::addRow("only dots") << "..."
                                   << "a b" << 0.0 << 0.0 << 0.0;
        // Spaces only: rouge-score has no token; pltrdy has one sentence holding the empty word, sharing nothing.
        QTest::addRow("whitespace prediction") << "   "
                                               << "a" << 0.0 << 0.0 << 0.0;
    }
    void variantsDiffer() {
        QFETCH(QString, prediction);
        QFETCH(QString, reference);
        QFETCH(double, rougeScoreF);
        QFETCH(double, pltrdyP);
        QFETCH(double, pltrdyR);
        const std::string pred = prediction.toStdString(), ref = reference.toStdString();
        const double f = rougeL(pred, ref).fmeasure;
        QVERIFY2(std::abs(f - rougeScoreF) < 1e-12, std::to_string(f).c_str());
        QCOMPARE(rougeL(pred, ref, RougeVariant::RougeScore).fmeasure, f); // the default
        const RougeScore s = rougeL(pred, ref, RougeVariant::Pltrdy);
        QVERIFY2(std::abs(s.precision - pltrdyP) < 1e-12, std::to_string(s.precision).c_str());
        QVERIFY2(std::abs(s.recall - pltrdyR) < 1e-12, std::to_string(s.recall).c_str());
        QCOMPARE(s.fmeasure, pltrdyF(pltrdyP, pltrdyR));
    }

    void pltrdyNeverReachesOne() {
        // 2 * (1 / (2 + 1e-8)): the package's epsilon sits in the denominator even for a perfect match.
        const RougeScore s = rougeL("the cat sat", "the cat sat", RougeVariant::Pltrdy);
        QCOMPARE(s.precision, 1.0);
        QCOMPARE(s.recall, 1.0);
        QCOMPARE(s.fmeasure, 2.0 * (1.0 / (2.0 + 1e-8)));
        QVERIFY(s.fmeasure < 1.0 && s.fmeasure > 0.99999999);
        QCOMPARE(rougeL("", "the cat", RougeVariant::Pltrdy).fmeasure, 0.0);
        QCOMPARE(rougeL("the cat", "", RougeVariant::Pltrdy).fmeasure, 0.0);
        QCOMPARE(rougeL("dog", "the cat", RougeVariant::Pltrdy).fmeasure, 0.0);
    }

    void pltrdyBestOverReferences() {
        // "the cat" vs "the cat sat": u = {the, cat}: P 1, R 2/3. "The cat sat." is a perfect match.
        QCOMPARE(rougeLBest("the cat", {"a dog", "the cat sat"}, RougeVariant::Pltrdy), pltrdyF(1.0, 2.0 / 3));
        QCOMPARE(rougeLBest("the cat sat", {"The cat sat.", "the cat sat."}, RougeVariant::Pltrdy), pltrdyF(1.0, 1.0));
    }
};

QTEST_APPLESS_MAIN(TestRouge)
#include "TestRouge.moc"
