#pragma once
// The numeric CSV `fedpilot-cli cluster --input` reads (and `select --dump-features` writes): rows of numbers
// separated by commas, an optional header line, blank lines ignored.
#include "fedpilot/engine/Error.h"

#include <cstddef>
#include <istream>
#include <string>
#include <vector>

namespace fp::app {

struct NumericTable {
    std::vector<double> values; // row-major
    int columns = 0;
    [[nodiscard]] size_t rows() const { return columns ? values.size() / size_t(columns) : 0; }
};

// Parses in; a first line that is not all numbers is a header. name is used in messages.
// Errors: BadFormat naming name, the line and the column (a cell that is not a number, a row of another width,
// no row of two or more columns).
Result<NumericTable> parseNumericCsv(std::istream &in, const std::string &name);

// Reads and parses a file. Errors: NotFound (cannot open), as parseNumericCsv.
Result<NumericTable> readNumericCsv(const std::string &path);

} // namespace fp::app
