# Settings every fedpilot target shares, carried by one INTERFACE target.
add_library(fp_common INTERFACE)
add_library(fedpilot::common ALIAS fp_common)

target_compile_features(fp_common INTERFACE cxx_std_23)
set(CMAKE_CXX_EXTENSIONS OFF)
target_compile_options(fp_common INTERFACE
    $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic>
    # GCC 12 at -O2/-O3 reports impossible memcpy bounds inside std::string's operator+ (GCC bug 105651).
    $<$<AND:$<CXX_COMPILER_ID:GNU>,$<VERSION_LESS:$<CXX_COMPILER_VERSION>,13>>:-Wno-stringop-overflow -Wno-restrict -Wno-array-bounds>)
# Qt's `slots`/`signals`/`emit` macros break LibTorch headers (TOOLCHAIN.md pitfall 2).
target_compile_definitions(fp_common INTERFACE
    QT_NO_KEYWORDS
    QT_NO_CAST_FROM_ASCII
    FP_VERSION="${PROJECT_VERSION}")

if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
    set(CMAKE_BUILD_TYPE Release CACHE STRING "Build type" FORCE)
endif()

find_program(FP_CCACHE ccache)
if(FP_CCACHE)
    set(CMAKE_CXX_COMPILER_LAUNCHER "${FP_CCACHE}")
endif()

# FP_SANITIZE=address,undefined (any -fsanitize= list) instruments fedpilot's own targets: everything that links
# fp_common is compiled and linked with the sanitizers. LibTorch, Qt, gRPC and protobuf come from Debian
# uninstrumented, and the generated protobuf code (fp_proto_messages) does not link fp_common either.
# tests/sanitize/run.sh builds such a tree in build/asan and runs the unit tests in it.
set(FP_SANITIZE "" CACHE STRING "Sanitizers for fedpilot's own targets, e.g. address,undefined (empty: none)")
if(FP_SANITIZE)
    # -g1: line tables only, so reports name file:line without the cost of full debug info.
    set(fp_sanitize_flags "-fsanitize=${FP_SANITIZE}" -fno-omit-frame-pointer -g1)
    if(FP_SANITIZE MATCHES "undefined")
        # A UB report fails the test instead of printing and going on.
        list(APPEND fp_sanitize_flags -fno-sanitize-recover=undefined)
    endif()
    target_compile_options(fp_common INTERFACE ${fp_sanitize_flags})
    target_link_options(fp_common INTERFACE "-fsanitize=${FP_SANITIZE}")
    message(STATUS "fedpilot targets built with -fsanitize=${FP_SANITIZE}")
endif()
