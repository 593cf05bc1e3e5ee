#pragma once
// TEMPORARY placeholder until the security branch lands (same field names).
#include <string>

namespace fp::remote {

struct ServerSecurity {
    std::string certFile, keyFile, clientCaFile, tokenFile;
    bool insecure = false;
};

struct ChannelSecurity {
    std::string caFile, serverName, tokenFile, clientCertFile, clientKeyFile;
    bool insecure = false;
};

} // namespace fp::remote
