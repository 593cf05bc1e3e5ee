#pragma once
// TLS material for the remote tests, made by the product's own generateDemoCertificates (openssl): ca.pem,
// server.pem/.key (localhost, 127.0.0.1, ::1), client.pem/.key, token; plus other-ca.pem (a CA that signed nothing
// here) and other.token (a token the agent does not hold), taken from a second, independent set.
#include "fedpilot/remote/Security.h"

#include <QFile>
#include <QString>

namespace fp::test {

// Returns an empty string on success, else what went wrong.
inline QString makeTestCertificates(const QString &dir) {
    const QString other = dir + QStringLiteral("/other");
    for (const QString &d : {dir, other}) {
        if (auto made = remote::generateDemoCertificates(d.toStdString()); !made) {
            return QString::fromStdString(made.error().message);
        }
    }
    QFile::remove(dir + QStringLiteral("/other-ca.pem"));
    QFile::remove(dir + QStringLiteral("/other.token"));
    if (!QFile::copy(other + QStringLiteral("/ca.pem"), dir + QStringLiteral("/other-ca.pem")) ||
        !QFile::copy(other + QStringLiteral("/token"), dir + QStringLiteral("/other.token"))) {
        return QStringLiteral("cannot copy the second CA and token into ") + dir;
    }
    return {};
}

} // namespace fp::test
