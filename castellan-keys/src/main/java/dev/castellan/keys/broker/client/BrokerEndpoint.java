package dev.castellan.keys.broker.client;

import dev.castellan.keys.broker.KeyIds;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a {@link BrokerSealer} seals to: the broker's HTTPS base URL, the key id, and the pin
 * of the broker's TLS key (SHA-256 of its SubjectPublicKeyInfo, as {@code castellan broker
 * serve} prints it).
 */
public record BrokerEndpoint(URI baseUrl, String keyId, byte[] tlsPin) {
  public BrokerEndpoint {
    Objects.requireNonNull(baseUrl, "baseUrl");
    if (!"https".equals(baseUrl.getScheme() == null ? null : baseUrl.getScheme().toLowerCase(Locale.ROOT))
        || baseUrl.getHost() == null || baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null
        || baseUrl.getRawUserInfo() != null || !(baseUrl.getRawPath() == null || baseUrl.getRawPath().isEmpty()
        || baseUrl.getRawPath().equals("/"))) {
      throw new IllegalArgumentException("the broker URL must be https://HOST[:PORT], nothing after it");
    }
    if (!KeyIds.valid(keyId)) {
      throw new IllegalArgumentException("a key id is 1 to 64 characters of [a-z0-9._-], starting with a letter or digit");
    }
    if (tlsPin.length != 32) {
      throw new IllegalArgumentException("the TLS pin is 32 bytes (64 hex digits)");
    }
    tlsPin = tlsPin.clone();
  }

  @Override
  public byte[] tlsPin() {
    return tlsPin.clone();
  }

  /** {@code https://host:port/v1/broker/keys/<id>/<verb>}. */
  URI route(String verb) {
    String base = baseUrl.toString().replaceAll("/+$", "");
    return URI.create(base + "/v1/broker/keys/" + keyId + "/" + verb);
  }
}
