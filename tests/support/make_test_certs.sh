#!/usr/bin/env bash
# Test TLS material for the remote-security tests, made with the openssl command line (EC P-256, fast):
#   ca.pem ca.key              a test CA
#   server.pem server.key      signed by it, naming DNS:localhost, IP:127.0.0.1, IP:::1
#   client.pem client.key      signed by it, for mutual TLS
#   other-ca.pem other-ca.key  a different CA that signed nothing here
#   token other.token          bearer tokens (random hex), the second one wrong for the agent
# generateDemoCertificates (remote/src/DemoCertificates.cpp) runs the same steps for the demo.
# Usage: make_test_certs.sh DIR
set -euo pipefail
dir="${1:?usage: make_test_certs.sh DIR}"
mkdir -p "$dir"
cd "$dir"
umask 077

cat > openssl.cnf <<'CNF'
[req]
distinguished_name = dn
prompt = no
[dn]
CN = fedpilot
[ca_ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1, IP:::1
authorityKeyIdentifier = keyid
[client_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
authorityKeyIdentifier = keyid
CNF

newkey=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)

make_ca() { # NAME SUBJECT
    openssl req -x509 -config openssl.cnf -extensions ca_ext "${newkey[@]}" -keyout "$1.key" -out "$1.pem" \
        -subj "$2" -days 3650 2>/dev/null
}

make_signed() { # NAME SUBJECT EXTENSIONS
    openssl req -new -config openssl.cnf "${newkey[@]}" -keyout "$1.key" -out "$1.csr" -subj "$2" 2>/dev/null
    openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -CAserial ca.srl -days 825 \
        -extfile openssl.cnf -extensions "$3" -out "$1.pem" 2>/dev/null
    rm -f "$1.csr"
}

make_ca ca "/CN=fedpilot test CA"
make_ca other-ca "/CN=fedpilot other CA"
make_signed server "/CN=localhost" server_ext
make_signed client "/CN=fedpilot console" client_ext
openssl rand -hex 32 > token
openssl rand -hex 32 > other.token
chmod 644 ./*.pem
