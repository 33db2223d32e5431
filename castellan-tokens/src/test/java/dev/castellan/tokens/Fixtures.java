package dev.castellan.tokens;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Claims of a typical token: issued at {@link #T0}, valid 60 s, for audience "policy_pd". */
final class Fixtures {
  static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  static final String ISSUER = "cryptod";

  private Fixtures() {}

  static byte[] bytes(String s, int length) {
    byte[] out = new byte[length];
    byte[] src = s.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(src, 0, out, 0, Math.min(src.length, length));
    return out;
  }

  static CapabilityClaims.Builder claims(String tokenId) {
    return CapabilityClaims.builder()
        .issuer(ISSUER)
        .subject("vm-7")
        .audience("policy_pd")
        .issuedAt(T0)
        .expiresAt(T0.plusSeconds(60))
        .tokenId(bytes(tokenId, 16))
        .scope(List.of("luks:unlock", "net:update"))
        .nonce(bytes("nonce-" + tokenId, 16));
  }
}
