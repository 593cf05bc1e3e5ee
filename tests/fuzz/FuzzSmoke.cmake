# The fuzz smoke of the main build (README.md here): one CTest test per harness, label fuzz, running the harness
# of the fuzz tree over its committed corpus and regressions for a few seconds (smoke.sh). The harnesses are
# known by their corpus folders, which tests/fuzz/CMakeLists.txt requires of each one.
set(FP_FUZZ_BUILD_DIR "${CMAKE_BINARY_DIR}/fuzz" CACHE PATH
    "The fuzz build tree whose harnesses the fuzz smoke tests run (tests/fuzz/run.sh --build-only builds it)")
set(FP_FUZZ_SMOKE_SECONDS 5 CACHE STRING "Seconds each fuzz smoke test fuzzes after replaying its corpus")

file(GLOB fp_fuzz_harnesses LIST_DIRECTORIES true RELATIVE "${CMAKE_CURRENT_LIST_DIR}/corpus"
     "${CMAKE_CURRENT_LIST_DIR}/corpus/*")
foreach(name IN LISTS fp_fuzz_harnesses)
    add_test(NAME fuzz_${name} COMMAND "${CMAKE_CURRENT_LIST_DIR}/smoke.sh" ${name})
    set_tests_properties(fuzz_${name} PROPERTIES
        LABELS fuzz
        SKIP_RETURN_CODE 77
        TIMEOUT 300
        ENVIRONMENT "FP_FUZZ_BUILD_DIR=${FP_FUZZ_BUILD_DIR};FP_FUZZ_SMOKE_SECONDS=${FP_FUZZ_SMOKE_SECONDS}")
endforeach()
