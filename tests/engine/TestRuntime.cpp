#include "fedpilot/engine/Runtime.h"

#include <QTest>

#include <dlfcn.h>

#include <climits>
#include <cstdlib>
#include <string>

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
    void reportsTheBlasInUse() {
        // An independent look at the same fact: the shared object the dynamic linker binds sgemm_ to (LibTorch's
        // BLAS calls go there). blasLibrary() reads /proc/self/maps; both must name the same library.
        QVERIFY(measureMatmulRate(Device::Cpu, 64, 0.01).has_value()); // BLAS in use
        const std::string reported = blasLibrary();
        std::string expected = "built into LibTorch";
        if (void *sgemm = dlsym(RTLD_DEFAULT, "sgemm_")) {
            Dl_info info{};
            QVERIFY(dladdr(sgemm, &info) != 0 && info.dli_fname);
            char resolved[PATH_MAX];
            const std::string file = realpath(info.dli_fname, resolved) ? resolved : info.dli_fname;
            qInfo("  sgemm_ from %s; blasLibrary(): %s", file.c_str(), reported.c_str());
            if (file.find("openblas") != std::string::npos) {
                expected = "OpenBLAS";
            } else if (file.find("libmkl") != std::string::npos) {
                expected = "Intel MKL";
            } else if (file.find("libblis") != std::string::npos) {
                expected = "BLIS";
            } else if (file.find("libblas.so") != std::string::npos) {
                expected = "reference BLAS";
            }
        }
        QVERIFY2(reported.starts_with(expected), (reported + ", expected " + expected).c_str());
    }
};

QTEST_APPLESS_MAIN(TestRuntime)
#include "TestRuntime.moc"
