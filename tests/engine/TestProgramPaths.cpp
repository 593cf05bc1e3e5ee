// engine::programDir / findSharedAbove / findSharedDir: the one place the programs and tests find their own
// folder and the shared folder of models and data.
#include "fedpilot/engine/ProgramPaths.h"

#include <QTemporaryDir>
#include <QTest>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

using namespace fp::engine;
namespace fs = std::filesystem;

namespace {

// Sets an environment variable for one scope and restores what was there.
class ScopedEnv {
public:
    ScopedEnv(const char *name, const char *value) : m_name(name) {
        if (const char *old = std::getenv(name)) {
            m_old = old;
        }
        value ? setenv(name, value, 1) : unsetenv(name);
    }
    ~ScopedEnv() { m_old ? setenv(m_name, m_old->c_str(), 1) : unsetenv(m_name); }
    ScopedEnv(const ScopedEnv &) = delete;
    ScopedEnv &operator=(const ScopedEnv &) = delete;

private:
    const char *m_name;
    std::optional<std::string> m_old;
};

} // namespace

class TestProgramPaths : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    fs::path root() const { return fs::path(m_tmp.path().toStdString()); }

private Q_SLOTS:
    // fp_add_test puts test programs in <build>/tests and names <build> in FP_BUILD_DIR.
    void programDirIsTheFolderOfThisTest() {
        const char *build = std::getenv("FP_BUILD_DIR");
        if (!build || !*build) {
            QSKIP("FP_BUILD_DIR is not set (run through ctest)");
        }
        const auto dir = programDir();
        QVERIFY(dir);
        QCOMPARE(fs::canonical(*dir), fs::canonical(fs::path(build) / "tests"));
    }

    // <root>/checkout/build/bin finds <root>/shared; a folder named shared without models/ or docs/ is passed over.
    void findsSharedBesideAnAncestor() {
        const fs::path bin = root() / "checkout" / "build" / "bin";
        fs::create_directories(bin);
        fs::create_directories(root() / "checkout" / "build" / "shared"); // empty: not the shared folder
        QVERIFY(!findSharedAbove(bin));
        fs::create_directories(root() / "shared" / "models");
        QCOMPARE(findSharedAbove(bin), std::optional<fs::path>(root().lexically_normal() / "shared"));
        fs::create_directories(root() / "checkout" / "build" / "shared" / "docs");
        QCOMPARE(findSharedAbove(bin), std::optional<fs::path>(root().lexically_normal() / "checkout/build/shared"));
    }

    void nothingAboveAFolderWithoutShared() {
        const QTemporaryDir fresh; // the other cases leave shared/ folders in m_tmp
        const fs::path lonely = fs::path(fresh.path().toStdString()) / "lonely" / "deep";
        fs::create_directories(lonely);
        // The temporary folder's own ancestors (/tmp, /) hold no shared/ with models/ or docs/ on a test machine;
        // compare with what lies above the temporary root, so the check holds wherever it is.
        QCOMPARE(findSharedAbove(lonely), findSharedAbove(fs::path(fresh.path().toStdString()).parent_path()));
        QVERIFY(!findSharedAbove(fs::path()));
    }

    // An installed program (<prefix>/bin) finds <prefix>/share/fedpilot; a build tree's bin/ has no such folder.
    void installedDataBesideTheProgram() {
        const fs::path prefix = root() / "install" / "usr";
        fs::create_directories(prefix / "bin");
        QCOMPARE(installedDataDirOf(prefix / "bin"), std::optional<fs::path>());
        fs::create_directories(prefix / "share" / "fedpilot" / "demo");
        QCOMPARE(installedDataDirOf(prefix / "bin"),
                 std::optional<fs::path>((prefix / "share" / "fedpilot").lexically_normal()));
        QCOMPARE(installedDataDirOf(fs::path()), std::optional<fs::path>());
        // This test runs from <build>/tests: not an installed program.
        QCOMPARE(installedDataDir(), std::optional<fs::path>());
    }

    // FP_SHARED_DIR wins, as given and normalised, even when it does not exist.
    void environmentVariableWins() {
        const std::string chosen = (root() / "elsewhere" / ".." / "chosen").string();
        ScopedEnv env("FP_SHARED_DIR", chosen.c_str());
        QCOMPARE(findSharedDir({root()}), std::optional<fs::path>(fs::path(chosen).lexically_normal()));
    }

    // Without FP_SHARED_DIR: beside the program's folder first, then above the extra starting folders.
    void searchOrderWithoutTheVariable() {
        ScopedEnv env("FP_SHARED_DIR", nullptr);
        fs::create_directories(root() / "order" / "shared" / "docs");
        fs::create_directories(root() / "order" / "start");
        const auto besideProgram = findSharedAbove(*programDir());
        const auto found = findSharedDir({root() / "order" / "start"});
        QVERIFY(found);
        QCOMPARE(*found, besideProgram.value_or(root().lexically_normal() / "order" / "shared"));
        if (!besideProgram) {
            QCOMPARE(findSharedDir(), std::optional<fs::path>());
        }
    }
};

QTEST_APPLESS_MAIN(TestProgramPaths)
#include "TestProgramPaths.moc"
