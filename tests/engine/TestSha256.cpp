#include "Sha256Recorded.h"
#include "fedpilot/engine/Sha256.h"

#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using fp::engine::Sha256;

namespace {

// The first n bytes of the pattern the recorded digests were made from (Sha256Recorded.h).
std::string patternBytes(size_t n) {
    std::string bytes(n, '\0');
    for (size_t i = 0; i < n; ++i) {
        bytes[i] = char(uint8_t((i * 131 + 17) & 0xff));
    }
    return bytes;
}

std::string hexOfPieces(const std::string &message, size_t split) {
    Sha256 hash;
    hash.update(message.substr(0, split));
    hash.update(message.substr(split));
    return Sha256::hex(hash.finish());
}

} // namespace

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
        const std::string message = patternBytes(1000);
        const std::string oneShot = Sha256::hexOf(message);
        for (size_t piece : {size_t(1), size_t(7), size_t(55), size_t(56), size_t(63), size_t(64), size_t(65)}) {
            Sha256 hash;
            for (size_t at = 0; at < message.size(); at += piece) {
                hash.update(message.substr(at, piece));
            }
            QCOMPARE(Sha256::hex(hash.finish()), oneShot);
        }
        // Every split point of a message three blocks long, empty pieces at either end included.
        const std::string threeBlocks = patternBytes(192);
        for (size_t split = 0; split <= threeBlocks.size(); ++split) {
            QCOMPARE(hexOfPieces(threeBlocks, split), Sha256::hexOf(threeBlocks));
        }
    }

    // Digests recorded from the hand-written implementation OpenSSL replaced: every length 0..200 of a pattern
    // that uses every byte value, one-shot and split at a position that moves through the message.
    void matchesRecordedDigests() {
        for (size_t n = 0; n < fp::tests::kRecordedSha256.size(); ++n) {
            const std::string message = patternBytes(n);
            const std::string expected = fp::tests::kRecordedSha256[n];
            QCOMPARE(Sha256::hexOf(message), expected);
            QCOMPARE(hexOfPieces(message, (n * 37) % (n + 1)), expected);
        }
    }

    // A moved-from hasher hands its state over; the new owner finishes with the same digest.
    void moveKeepsTheState() {
        Sha256 first;
        first.update(std::string("ab"));
        Sha256 second = std::move(first);
        second.update(std::string("c"));
        QCOMPARE(Sha256::hex(second.finish()),
                 std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
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
