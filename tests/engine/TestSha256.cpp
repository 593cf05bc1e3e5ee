#include "fedpilot/engine/Sha256.h"

#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using fp::engine::Sha256;

// Expected digests: FIPS 180-2 appendix B (B.1 "abc", B.2 the 448-bit message, B.3 one million 'a') and the
// well-known digest of the empty message.
class TestSha256 : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void knownVectors_data() {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("digest");
        QTest::addRow("abc") << QByteArrayLiteral("abc")
                             << QByteArrayLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        QTest::addRow("empty") << QByteArray()
                               << QByteArrayLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        QTest::addRow("448 bits") << QByteArrayLiteral("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                                  << QByteArrayLiteral(
                                         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        QTest::addRow("million a") << QByteArray(1000000, 'a')
                                   << QByteArrayLiteral(
                                          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    }

    void knownVectors() {
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, digest);
        QCOMPARE(QByteArray::fromStdString(Sha256::hexOf(message.toStdString())), digest);
    }

    // Feeding the message in pieces that straddle the 64-byte blocks gives the same digest as one update.
    void piecewiseUpdatesMatchOneShot() {
        const std::string message(1000, 'x');
        for (size_t piece : {size_t(1), size_t(7), size_t(55), size_t(56), size_t(63), size_t(64), size_t(65)}) {
            Sha256 hash;
            for (size_t at = 0; at < message.size(); at += piece) {
                hash.update(message.substr(at, piece));
            }
            QCOMPARE(Sha256::hex(hash.finish()), Sha256::hexOf(message));
        }
    }

    void hashesAFile() {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("abc.bin")).toStdString();
        std::ofstream(path, std::ios::binary) << "abc";
        auto digest = fp::engine::sha256File(path);
        QVERIFY(digest);
        QCOMPARE(digest->bytes, int64_t(3));
        QCOMPARE(digest->sha256, std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));

        auto missing = fp::engine::sha256File(path + ".gone");
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, fp::ErrorCode::NotFound);
        QVERIFY(missing.error().message.find(path + ".gone") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestSha256)
#include "TestSha256.moc"
