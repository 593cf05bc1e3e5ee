#include "fedpilot/engine/Runtime.h"

#include <QTest>

using namespace fp;
using namespace fp::engine;

class TestRuntime : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void resolvesDeviceNames_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("ok");
        QTest::addRow("cpu") << "cpu" << true;
        QTest::addRow("auto") << "auto" << true;
        QTest::addRow("typo") << "gpu0" << false;
        QTest::addRow("empty") << "" << false;
    }
    void resolvesDeviceNames() {
        QFETCH(QString, name);
        QFETCH(bool, ok);
        const auto device = resolveDevice(name.toStdString());
        QCOMPARE(device.has_value(), ok);
        if (!ok) {
            QCOMPARE(device.error().code, ErrorCode::InvalidArgument);
            QVERIFY(device.error().message.find("--device") != std::string::npos);
        }
    }
    void cudaRequestWithoutGpuIsAnError() {
        if (cudaAvailable()) {
            QSKIP("this machine has CUDA");
        }
        const auto device = resolveDevice("cuda");
        QVERIFY(!device);
        QCOMPARE(device.error().code, ErrorCode::Unsupported);
    }
    void threadsDefaultToAvailableCores() {
        QCOMPARE(configureThreads(0), availableCores());
        QCOMPARE(configureThreads(1), 1);
        QCOMPARE(currentThreads(), 1);
    }
    void matmulRateIsMeasured() {
        const auto rate = measureMatmulRate(Device::Cpu, 128, 0.05);
        QVERIFY2(rate.has_value(), rate ? "" : rate.error().message.c_str());
        QVERIFY(rate->repetitions >= 2);
        QVERIFY(rate->gflops > 0.0);
        QVERIFY(!measureMatmulRate(Device::Cpu, 0).has_value());
    }
    void reportsTheBlasInUse() { QVERIFY(!blasLibrary().empty()); }
};

QTEST_APPLESS_MAIN(TestRuntime)
#include "TestRuntime.moc"
