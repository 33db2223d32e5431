package dev.castellan.client;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * One response as fetched: status, exact body bytes, the two authentication headers (if
 * present) and the TLS certificate the server presented (for https).
 */
record SignedResponse(
    String path,
    int status,
    byte[] body,
    Optional<String> signatureHex,
    Optional<String> publicKeyHex,
    Optional<X509Certificate> serverCertificate) {}
