package dev.castellan.server.http;

import java.util.Optional;

/**
 * What a response signature covers: the request's method, path and query exactly as
 * received (raw, not decoded), the response's status, content type and
 * {@code Content-Digest}, the body and its SHA-256 (computed once per response, for both
 * signatures), and the request's {@code Castellan-Nonce} if it sent a valid one.
 *
 * @param rawQuery the query without the leading {@code ?}; empty when there was none
 */
public record SignedExchange(
    String method,
    String rawPath,
    String rawQuery,
    int status,
    String contentType,
    String contentDigest,
    Optional<String> nonce,
    byte[] body,
    byte[] bodySha256) {}
