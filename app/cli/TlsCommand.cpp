// fedpilot-cli tls DIR: TLS material for trying agents on one machine (what the demo makes in its workspace).
#include "CommandLine.h"
#include "Commands.h"

#include "fedpilot/remote/Security.h"

#include <iostream>

namespace fp::app {

int runTls(const std::vector<std::string> &arguments) {
    CommandLine cli("fedpilot-cli tls",
                    "Makes a test CA, a server certificate for localhost/127.0.0.1/::1, a client certificate and a "
                    "bearer token in DIR, for agents on this machine (what the demo makes in its workspace).");
    std::string dir;
    cli.add_option("dir", dir, "the folder to write into (existing files are kept)")->required();
    if (const auto code = cli.accept(arguments)) {
        return *code;
    }
    if (auto made = remote::generateDemoCertificates(dir); !made) {
        return reportError("tls", made.error());
    }
    std::cout << dir << ": ca.pem, server.pem/server.key (localhost, 127.0.0.1, ::1), client.pem/client.key, token\n"
              << "(a test CA for agents on this machine; for another host see README, Running an agent on a second "
                 "machine)\n";
    return ExitOk;
}

} // namespace fp::app
