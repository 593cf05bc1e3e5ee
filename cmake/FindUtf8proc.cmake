# Finds libutf8proc (Debian libutf8proc-dev): Unicode general categories for the tokenizer's character classes.
# Defines Utf8proc_FOUND and the imported target Utf8proc::Utf8proc. Without pkg-config, so that engine-only builds
# on machines without Debian packages can point Utf8proc_ROOT (or CMAKE_PREFIX_PATH) at a folder with
# include/utf8proc.h and lib/libutf8proc.so.
find_path(Utf8proc_INCLUDE_DIR utf8proc.h)
find_library(Utf8proc_LIBRARY NAMES utf8proc)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Utf8proc REQUIRED_VARS Utf8proc_LIBRARY Utf8proc_INCLUDE_DIR)
if(Utf8proc_FOUND AND NOT TARGET Utf8proc::Utf8proc)
    add_library(Utf8proc::Utf8proc UNKNOWN IMPORTED)
    set_target_properties(Utf8proc::Utf8proc PROPERTIES IMPORTED_LOCATION "${Utf8proc_LIBRARY}"
                                                        INTERFACE_INCLUDE_DIRECTORIES "${Utf8proc_INCLUDE_DIR}")
endif()
mark_as_advanced(Utf8proc_INCLUDE_DIR Utf8proc_LIBRARY)
