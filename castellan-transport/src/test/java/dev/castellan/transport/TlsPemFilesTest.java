package dev.castellan.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM files as openssl writes them are read; anything else is refused naming the file, never the content. */
class TlsPemFilesTest {
  @TempDir Path dir;

  void openssl(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "openssl";
    System.arraycopy(args, 0, command, 1, args.length);
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
  }

  void selfSigned() throws Exception {
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "k.pem",
        "-out", "c.pem", "-days", "1", "-subj", "/CN=test");
  }

  @Test
  void opensslKeyAndCertificate_read_andTheKeyMatchesTheCertificate() throws Exception {
    selfSigned();
    TlsCredentials credentials = TlsPemFiles.read(dir.resolve("k.pem"), dir.resolve("c.pem"));
    assertThat(credentials.privateKey().getAlgorithm()).isEqualTo("EC");
    assertThat(credentials.certificateChain()).hasSize(1);
    assertThat(credentials.certificateChain().getFirst().getSubjectX500Principal().getName()).isEqualTo("CN=test");
    assertThat(credentials.toString()).doesNotContain("PRIVATE");
  }

  @Test
  void legacyEcKey_refused_sayingHowToConvert() throws Exception {
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "sec1.pem");
    assertThatThrownBy(() -> TlsPemFiles.privateKey(dir.resolve("sec1.pem"))).isInstanceOf(IOException.class)
        .hasMessageContaining("EC PRIVATE KEY").hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
  }

  @Test
  void aCertificateWhereAKeyIsExpected_andTextOutsideTheBlocks_andNoBlock_refused() throws Exception {
    selfSigned();
    assertThatThrownBy(() -> TlsPemFiles.privateKey(dir.resolve("c.pem"))).hasMessageContaining("a CERTIFICATE block");
    Path noisy = Files.writeString(dir.resolve("noisy.pem"), "hello\n" + Files.readString(dir.resolve("c.pem")));
    assertThatThrownBy(() -> TlsPemFiles.certificates(noisy)).hasMessageContaining("text outside the PEM blocks");
    Path empty = Files.writeString(dir.resolve("empty.pem"), "\n");
    assertThatThrownBy(() -> TlsPemFiles.certificates(empty)).hasMessageContaining("no CERTIFICATE PEM block");
  }

  @Test
  void oversizeFile_refusedBeforeReading_andAMissingFileNamed() throws Exception {
    Path big = Files.write(dir.resolve("big.pem"), new byte[TlsPemFiles.MAX_KEY_BYTES + 1]);
    assertThatThrownBy(() -> TlsPemFiles.privateKey(big)).hasMessageContaining("larger than");
    assertThatThrownBy(() -> TlsPemFiles.certificates(dir.resolve("absent.pem"))).hasMessageContaining("absent.pem: no such file");
  }

  @Test
  void twoKeysInOneFile_refused() throws Exception {
    selfSigned();
    String key = Files.readString(dir.resolve("k.pem"));
    Path two = Files.writeString(dir.resolve("two.pem"), key + key);
    assertThatThrownBy(() -> TlsPemFiles.privateKey(two)).hasMessageContaining("holds 2 private keys");
  }
}
