// The numeric CSV of `fedpilot-cli cluster --input`: fp::app::parseNumericCsv (the stream half of readNumericCsv).
#include "FuzzSupport.h"

#include "NumericCsv.h"

#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    std::istringstream in{std::string(fp::fuzz::asText(data, size))};
    if (auto table = fp::app::parseNumericCsv(in, "input.csv")) {
        if (table->columns < 2 || table->rows() == 0 ||
            table->values.size() != table->rows() * size_t(table->columns)) {
            std::fprintf(stderr, "inconsistent table\n");
            std::abort();
        }
    }
    return 0;
}
