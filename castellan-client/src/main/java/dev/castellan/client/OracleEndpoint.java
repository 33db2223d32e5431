package dev.castellan.client;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an oracle is, and how its TLS key is trusted: by the attested {@code tlsKeyHash}
 * (SHA-256 of the certificate's SubjectPublicKeyInfo, bound in the attestation user data and
 * checked by {@link OracleClient}; {@link VerificationReport#tlsKeyHash()} gives it), pinned in
 * the handshake itself, or over plain HTTP when the oracle serves it ({@code --plain-http}).
 * There is no trust-any-certificate mode: an {@code https} endpoint MUST be pinned.
 */
public final class OracleEndpoint {
  /** SHA-256. */
  public static final int KEY_HASH_BYTES = 32;

  private final URI baseUrl;
  private final Optional<byte[]> tlsKeyHash;

  private OracleEndpoint(URI baseUrl, Optional<byte[]> tlsKeyHash) {
    this.baseUrl = baseUrl;
    this.tlsKeyHash = tlsKeyHash;
  }

  /**
   * An {@code https://host:port} oracle whose TLS key MUST hash to {@code tlsKeyHash}: any
   * other key fails the handshake, whatever certificate authority signed it.
   */
  public static OracleEndpoint pinned(URI baseUrl, byte[] tlsKeyHash) {
    Objects.requireNonNull(tlsKeyHash, "tlsKeyHash");
    if (tlsKeyHash.length != KEY_HASH_BYTES) {
      throw new IllegalArgumentException("tlsKeyHash must be " + KEY_HASH_BYTES + " bytes (SHA-256), got " + tlsKeyHash.length);
    }
    return new OracleEndpoint(base(baseUrl, "https"), Optional.of(tlsKeyHash.clone()));
  }

  /** An {@code http://host:port} oracle (plain HTTP): what it serves must authenticate itself. */
  public static OracleEndpoint plainHttp(URI baseUrl) {
    return new OracleEndpoint(base(baseUrl, "http"), Optional.empty());
  }

  private static URI base(URI url, String scheme) {
    Objects.requireNonNull(url, "baseUrl");
    if (url.getScheme() == null || !url.getScheme().toLowerCase(Locale.ROOT).equals(scheme)) {
      throw new IllegalArgumentException("the base URL must be " + scheme + "://HOST:PORT");
    }
    if (url.getHost() == null || url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null
        || (url.getRawPath() != null && !url.getRawPath().isEmpty() && !url.getRawPath().equals("/"))) {
      throw new IllegalArgumentException("the base URL must be " + scheme + "://HOST:PORT, with no path, query or user");
    }
    return url;
  }

  public URI baseUrl() {
    return baseUrl;
  }

  /** The pinned key hash; empty for plain HTTP. */
  public Optional<byte[]> tlsKeyHash() {
    return tlsKeyHash.map(byte[]::clone);
  }

  @Override
  public String toString() {
    return baseUrl + (tlsKeyHash.isPresent() ? " (TLS key pinned)" : " (plain HTTP)");
  }
}
