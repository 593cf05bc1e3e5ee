# FP_FUZZ: every target of this build tree is compiled for libFuzzer with AddressSanitizer and
# UndefinedBehaviorSanitizer. Libraries get the coverage instrumentation without libFuzzer's main
# (fuzzer-no-link); tests/fuzz links each harness with -fsanitize=fuzzer. LibTorch, protobuf and the other
# system libraries are not instrumented (ASan still checks every access the project's code makes).
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "FP_FUZZ needs clang (libFuzzer), e.g. -DCMAKE_CXX_COMPILER=clang++-19; "
                        "got ${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER}")
endif()
set(FP_FUZZ_SANITIZERS "address,undefined")
add_compile_options(-fsanitize=fuzzer-no-link,${FP_FUZZ_SANITIZERS} -fno-omit-frame-pointer -g)
add_link_options(-fsanitize=${FP_FUZZ_SANITIZERS})
