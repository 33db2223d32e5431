package dev.castellan.server.http;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * A request as the front received it, before the router checks it: method, raw path and
 * query (not decoded; {@code rawQuery} empty when absent), headers with lower-case names,
 * the unread body, and the listener's port and scheme (for the {@code Host} check).
 */
public record RawRequest(
    String method,
    String rawPath,
    String rawQuery,
    Map<String, List<String>> headers,
    InputStream body,
    int localPort,
    boolean tls) {}
