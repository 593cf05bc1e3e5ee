# fp_add_test(NAME <name> SOURCES <files...> LIBS <targets...> [LABELS <labels...>] [GUI] [TIMEOUT <s>])
# One QtTest executable per class or feature. GUI tests run with QT_QPA_PLATFORM=offscreen.
# FP_SHARED_DIR (the top CMakeLists.txt) points the tests at ../shared (real models and data).

function(fp_add_test)
    cmake_parse_arguments(T "GUI" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
    if(NOT T_LABELS)
        set(T_LABELS unit)
    endif()
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 600)
    endif()
    add_executable(${T_NAME} ${T_SOURCES})
    target_link_libraries(${T_NAME} PRIVATE fp_common Qt6::Test ${T_LIBS})
    target_include_directories(${T_NAME} PRIVATE "${PROJECT_SOURCE_DIR}/tests")
    set_target_properties(${T_NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/tests")
    add_test(NAME ${T_NAME} COMMAND ${T_NAME})
    # QtTest stops a test function after 5 minutes by default; an e2e function (a whole demo on a busy 2-core
    # machine) may need longer, so it gets the test's own limit.
    math(EXPR function_timeout_ms "${T_TIMEOUT} * 1000")
    set(env "FP_SHARED_DIR=${FP_SHARED_DIR}" "FP_BUILD_DIR=${CMAKE_BINARY_DIR}" "FP_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
            "QTEST_FUNCTION_TIMEOUT=${function_timeout_ms}")
    if(T_GUI)
        list(APPEND env "QT_QPA_PLATFORM=offscreen")
    endif()
    set_tests_properties(${T_NAME} PROPERTIES LABELS "${T_LABELS}" TIMEOUT ${T_TIMEOUT} ENVIRONMENT "${env}")
endfunction()
