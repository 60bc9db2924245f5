package dev.hearsay.registry.server;

import dev.hearsay.crypto.NodeIdentity;
import java.security.cert.X509Certificate;

/** Who is on the other end of a connection, as established by the TLS handshake (never by the request). */
record Peer(NodeIdentity identity, X509Certificate certificate) {}
