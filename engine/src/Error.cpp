#include "fedpilot/engine/Error.h"

namespace fp {

const char *errorCodeName(ErrorCode code) {
    switch (code) {
    case ErrorCode::InvalidArgument: return "invalid argument";
    case ErrorCode::NotFound: return "not found";
    case ErrorCode::BadFormat: return "bad format";
    case ErrorCode::Unsupported: return "unsupported";
    case ErrorCode::Io: return "I/O error";
    case ErrorCode::Cancelled: return "cancelled";
    case ErrorCode::Runtime: return "runtime error";
    case ErrorCode::Network: return "network error";
    }
    return "error";
}

} // namespace fp
