#include "StatusMapping.h"

namespace fp::remote {

grpc::Status toGrpcStatus(const Error &error) {
    grpc::StatusCode code = grpc::StatusCode::INTERNAL;
    switch (error.code) {
    case ErrorCode::InvalidArgument:
    case ErrorCode::BadFormat: code = grpc::StatusCode::INVALID_ARGUMENT; break;
    case ErrorCode::NotFound: code = grpc::StatusCode::NOT_FOUND; break;
    case ErrorCode::Unsupported: code = grpc::StatusCode::UNIMPLEMENTED; break;
    case ErrorCode::Cancelled: code = grpc::StatusCode::CANCELLED; break;
    case ErrorCode::Network: code = grpc::StatusCode::UNAVAILABLE; break;
    case ErrorCode::Io:
    case ErrorCode::Runtime: code = grpc::StatusCode::INTERNAL; break;
    }
    return grpc::Status(code, error.message);
}

Error toError(const grpc::Status &status, const std::string &peer) {
    ErrorCode code = ErrorCode::Network;
    switch (status.error_code()) {
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::FAILED_PRECONDITION: code = ErrorCode::InvalidArgument; break;
    case grpc::StatusCode::NOT_FOUND: code = ErrorCode::NotFound; break;
    case grpc::StatusCode::UNIMPLEMENTED: code = ErrorCode::Unsupported; break;
    case grpc::StatusCode::CANCELLED: code = ErrorCode::Cancelled; break;
    default: break;
    }
    std::string message = "agent " + peer + ": " + status.error_message();
    if (status.error_code() == grpc::StatusCode::UNAVAILABLE) {
        message += " (is fedpilot-agent running and reachable there?)";
    } else if (status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) {
        message = "agent " + peer + ": no answer before the deadline";
    }
    return Error(code, message);
}

} // namespace fp::remote
