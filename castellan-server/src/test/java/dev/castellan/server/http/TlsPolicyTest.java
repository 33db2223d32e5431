package dev.castellan.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The oracle's TLS policy seen by an independent client, {@code openssl s_client}, against
 * the front in a child JVM (renegotiation is a JVM-wide setting, so it gets a JVM of its
 * own): TLS 1.3, TLS 1.2 only with ECDHE and an AEAD, no CBC, no RSA key exchange, no
 * client-initiated renegotiation.
 */
class TlsPolicyTest {
  private static ChildFront front;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed (Debian package openssl)");
    front = ChildFront.start(0, 30);
  }

  @AfterAll
  static void stop() throws Exception {
    if (front != null) {
      front.close();
    }
  }

  private static String sClient(String input, long pauseMillis, String... options) throws Exception {
    List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + front.port));
    command.addAll(List.of(options));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    Thread.sleep(pauseMillis);
    process.getOutputStream().write(input.getBytes(StandardCharsets.US_ASCII));
    process.getOutputStream().flush();
    Thread.sleep(pauseMillis);
    process.getOutputStream().close();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  private static String negotiated(String... options) throws Exception {
    String output = sClient("", 300, options);
    int at = output.indexOf("Cipher is ");
    assertThat(at).as(output).isNotNegative();
    return output.substring(at + 10, output.indexOf('\n', at)).trim();
  }

  @Test
  void tls13_isServed() throws Exception {
    assertThat(negotiated("-tls1_3")).isEqualTo("TLS_AES_256_GCM_SHA384");
  }

  @Test
  void tls12_ecdheAead_isServed() throws Exception {
    assertThat(negotiated("-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256")).isEqualTo("ECDHE-ECDSA-AES128-GCM-SHA256");
    assertThat(negotiated("-tls1_2", "-cipher", "ECDHE-ECDSA-CHACHA20-POLY1305")).isEqualTo("ECDHE-ECDSA-CHACHA20-POLY1305");
  }

  @Test
  void tls12_cbcSuites_areRefused() throws Exception {
    assertThat(negotiated("-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA256")).isEqualTo("(NONE)");
    assertThat(negotiated("-tls1_2", "-cipher", "ECDHE-ECDSA-AES256-SHA")).isEqualTo("(NONE)");
  }

  @Test
  void tls12_rsaKeyExchange_isRefused() throws Exception {
    assertThat(negotiated("-tls1_2", "-cipher", "AES128-GCM-SHA256:AES256-GCM-SHA384")).isEqualTo("(NONE)");
  }

  @Test
  void tls12_clientRenegotiation_isRefused() throws Exception {
    String output = sClient("R\n", 1500, "-tls1_2");
    assertThat(output).contains("Cipher is ECDHE-ECDSA-").contains("RENEGOTIATING");
    assertThat(output).contains("alert handshake failure");
  }
}
