package dev.castellan.cli.attest;

import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.Platform;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;

/** Parsing of the attest commands' option values; errors name the option. */
final class Arguments {
  private Arguments() {}

  /** The platforms a user may name; {@code auto} recognises the format from the bytes. */
  enum PlatformChoice {
    nitro(Platform.NITRO),
    snp(Platform.SEV_SNP),
    tdx(Platform.TDX),
    sgx(Platform.SGX),
    tpm(Platform.TPM),
    gpu(Platform.GPU),
    auto(null);

    final Platform platform;

    PlatformChoice(Platform platform) {
      this.platform = platform;
    }
  }

  /** Decodes {@code --option HEX}: an even number of hex digits, 1..{@link Freshness#MAX_BYTES} bytes. */
  static byte[] hex(String option, String value) {
    String text = value.strip();
    if (text.startsWith("0x") || text.startsWith("0X")) {
      text = text.substring(2);
    }
    byte[] bytes;
    try {
      bytes = HexFormat.of().parseHex(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + " must be hex digits (an even number of them)");
    }
    if (bytes.length == 0 || bytes.length > Freshness.MAX_BYTES) {
      throw new IllegalArgumentException(
          option + " must be 1.." + Freshness.MAX_BYTES + " bytes, got " + bytes.length);
    }
    return bytes;
  }

  /** {@code --at}: an ISO-8601 instant ({@code 2024-01-01T00:00:00Z}), offset date-time or date (midnight UTC). */
  static Instant time(String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException notInstant) {
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException notOffset) {
        try {
          return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notDate) {
          throw new IllegalArgumentException(
              "--at must be ISO-8601, e.g. 2024-01-01T00:00:00Z or 2024-01-01");
        }
      }
    }
  }

  /** A platform's name as users write it. */
  static String name(Platform platform) {
    return platform == Platform.SEV_SNP ? "snp" : platform.name().toLowerCase(Locale.ROOT);
  }
}
