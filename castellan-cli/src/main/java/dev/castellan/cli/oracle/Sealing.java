package dev.castellan.cli.oracle;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The value of {@code castellan up --sealing}: what seals the oracle's signing key. {@code local}
 * (the default: the device's sealing secret and measurement, {@code MeasurementSealer}) or
 * {@code broker:URL} (a key broker, {@code BrokerSealer}, with {@code --broker-key} and {@code
 * --broker-pin}) or {@code tpm} / {@code tpm:TCTI} (this machine's TPM, {@code TpmSealer} over
 * PCRs 0 and 7; the TCTI defaults to {@code $TPM2TOOLS_TCTI}, else {@code device:/dev/tpmrm0}).
 * Each value is one record and one case in {@link #parse}.
 */
public sealed interface Sealing {
  record Local() implements Sealing {}

  /** @param url the broker's https base URL */
  record Broker(URI url) implements Sealing {}

  /** @param tcti the TPM's TCTI; empty for the default */
  record Tpm(Optional<String> tcti) implements Sealing {}

  /** @throws IllegalArgumentException naming the accepted forms */
  static Sealing parse(String value) {
    String v = value.trim();
    if (v.equals("local")) {
      return new Local();
    }
    if (v.equals("tpm")) {
      return new Tpm(Optional.empty());
    }
    if (v.startsWith("tpm:")) {
      String tcti = v.substring("tpm:".length());
      if (tcti.isBlank()) {
        throw new IllegalArgumentException("--sealing tpm:TCTI needs a TCTI such as device:/dev/tpmrm0");
      }
      return new Tpm(Optional.of(tcti));
    }
    if (v.toLowerCase(Locale.ROOT).startsWith("broker:")) {
      String rest = v.substring("broker:".length());
      URI url;
      try {
        url = URI.create(rest);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--sealing broker:URL needs a URL such as https://127.0.0.1:8444");
      }
      if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
        throw new IllegalArgumentException("--sealing broker:URL needs an https URL such as https://127.0.0.1:8444");
      }
      return new Broker(url);
    }
    throw new IllegalArgumentException("--sealing must be 'local', 'broker:https://HOST:PORT', 'tpm' or 'tpm:TCTI'");
  }
}
