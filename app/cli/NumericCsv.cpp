#include "NumericCsv.h"

#include <charconv>
#include <fstream>
#include <sstream>

namespace fp::app {
namespace {

// A cell of an untrusted file in a message: at most 40 bytes of it (a "cell" may be a whole binary file).
std::string quoteCell(const std::string &cell) {
    constexpr size_t kShown = 40;
    std::string shown;
    for (const char c : cell.substr(0, kShown)) {
        shown += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
    }
    return "'" + shown + "'" + (cell.size() > kShown ? "... (" + std::to_string(cell.size()) + " bytes)" : "");
}

std::vector<std::string> splitCsv(const std::string &line) {
    std::vector<std::string> cells;
    std::stringstream in(line);
    std::string cell;
    while (std::getline(in, cell, ',')) {
        cells.push_back(cell);
    }
    return cells;
}

bool parseNumber(std::string text, double &out) {
    while (!text.empty() && (text.back() == '\r' || text.back() == ' ')) {
        text.pop_back();
    }
    const auto start = text.find_first_not_of(' ');
    if (start == std::string::npos) {
        return false;
    }
    const auto [end, ec] = std::from_chars(text.data() + start, text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
}

} // namespace

Result<NumericTable> parseNumericCsv(std::istream &in, const std::string &name) {
    NumericTable table;
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        if (line.find_first_not_of(" \r\t") == std::string::npos) {
            continue;
        }
        const auto cells = splitCsv(line);
        std::vector<double> row(cells.size());
        size_t bad = cells.size();
        for (size_t i = 0; i < cells.size() && bad == cells.size(); ++i) {
            bad = parseNumber(cells[i], row[i]) ? cells.size() : i;
        }
        if (bad != cells.size()) {
            if (number == 1 && table.columns == 0) {
                continue; // header
            }
            return fail(ErrorCode::BadFormat, name + ":" + std::to_string(number) + ": column " +
                                                  std::to_string(bad + 1) + " is not a number (" +
                                                  quoteCell(cells[bad]) + ")");
        }
        if (table.columns == 0) {
            table.columns = int(cells.size());
        } else if (int(cells.size()) != table.columns) {
            return fail(ErrorCode::BadFormat, name + ":" + std::to_string(number) + ": " +
                                                  std::to_string(cells.size()) + " columns, expected " +
                                                  std::to_string(table.columns));
        }
        table.values.insert(table.values.end(), row.begin(), row.end());
    }
    if (table.rows() == 0 || table.columns < 2) {
        return fail(ErrorCode::BadFormat, name + ": needs at least one row of two or more numeric columns");
    }
    return table;
}

Result<NumericTable> readNumericCsv(const std::string &path) {
    std::ifstream in(path);
    if (!in) {
        return fail(ErrorCode::NotFound, path + ": cannot open");
    }
    return parseNumericCsv(in, path);
}

} // namespace fp::app
