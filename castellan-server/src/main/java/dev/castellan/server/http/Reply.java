package dev.castellan.server.http;

import java.util.Map;

/**
 * A response ready for the wire: status, every header (signatures included) and the body.
 * {@code framingBroken} means the request body could not be decoded: the connection can
 * no longer be read, so the front answers through its own malformed-request path (one
 * signed 400, then close) instead of sending this reply.
 */
public record Reply(int status, Map<String, String> headers, byte[] body, boolean framingBroken) {}
