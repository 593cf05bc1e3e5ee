#pragma once

#include "fedpilot/engine/Error.h"

#include <grpcpp/support/status.h>

namespace fp::remote {

// The one adapter between grpc::Status and fp::Error, in both directions.
grpc::Status toGrpcStatus(const Error &error);
Error toError(const grpc::Status &status, const std::string &peer);

} // namespace fp::remote
