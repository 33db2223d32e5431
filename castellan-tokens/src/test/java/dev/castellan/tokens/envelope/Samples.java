package dev.castellan.tokens.envelope;

import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborValue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One sample of every envelope type, optional fields filled. */
final class Samples {
  static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

  private Samples() {}

  static ByteString bytes(int length, int fill) {
    byte[] b = new byte[length];
    java.util.Arrays.fill(b, (byte) fill);
    return ByteString.of(b);
  }

  static CborMap metadata() {
    return CborMap.builder().put("console", "tty1").put("attempt", 2).put("local", CborValue.of(true)).build();
  }

  static List<Envelope> all() {
    return List.of(
        new EntropyPublication("hmac-drbg-1", bytes(16, 1), SecretBytes.copyOf(new byte[64]), T, Optional.empty()),
        new TotpValidateRequest("3b2c9a1e-0000-4000-8000-000000000001", "alice", "yubikey-7",
            SecretBytes.copyOf("123456".getBytes(StandardCharsets.US_ASCII)), bytes(16, 2), T,
            Optional.of(List.of(bytes(40, 3))), Optional.of(metadata())),
        new TotpValidateResponse("req-1", TotpValidateResponse.Result.OK, Optional.of("fresh code"),
            Optional.of(SecretBytes.copyOf(new byte[100])), Optional.of(bytes(48, 4)), Optional.of(T.plusSeconds(60)), bytes(90, 5)),
        new TokenIssueRequest("req-2", "vm-7", List.of("luks:decrypt", "net:modify"), "boot", bytes(16, 6), T,
            Optional.of(bytes(200, 7)), Optional.of(metadata())),
        new TokenIssueResponse("req-2", TokenIssueResponse.Result.DENIED, Optional.empty(), Optional.empty(), bytes(90, 8)),
        new Attestation("vm-7", bytes(32, 9), "luks:unlock", bytes(16, 10), T, T.plusSeconds(300), bytes(90, 11)),
        new AuditLog("entry-1", "cryptod", "issue", Optional.of("vm-7"), "ok", T, Optional.of(metadata()), bytes(90, 12)));
  }
}
