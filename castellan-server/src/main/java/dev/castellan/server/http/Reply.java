package dev.castellan.server.http;

import java.util.Map;

/** A response ready for the wire: status, every header (signatures included) and the body. */
public record Reply(int status, Map<String, String> headers, byte[] body) {}
