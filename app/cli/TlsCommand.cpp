// fedpilot-cli tls DIR: TLS material for trying agents on one machine (what the demo makes in its workspace).
#include "Args.h"
#include "Commands.h"

#include "fedpilot/remote/Security.h"

#include <iostream>

namespace fp::app {

int runTls(const std::vector<std::string> &arguments) {
    auto args = Args::parse(arguments, {}, {});
    if (!args) {
        return reportError("tls", args.error());
    }
    if (args->positional().size() != 1) {
        return reportError("tls", Error(ErrorCode::InvalidArgument, "usage: fedpilot-cli tls DIR"));
    }
    const std::string &dir = args->positional()[0];
    if (auto made = remote::generateDemoCertificates(dir); !made) {
        return reportError("tls", made.error());
    }
    std::cout << dir << ": ca.pem, server.pem/server.key (localhost, 127.0.0.1, ::1), client.pem/client.key, token\n"
              << "(a test CA for agents on this machine; for another host see README, Running an agent on a second "
                 "machine)\n";
    return ExitOk;
}

} // namespace fp::app
