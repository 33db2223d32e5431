package dev.castellan.keys.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinSourceTest {
  @TempDir Path dir;

  private Path pinFile(String contents) throws Exception {
    Path file = Files.write(dir.resolve("pin"), contents.getBytes(StandardCharsets.UTF_8));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  private static SecretBytes resolve(String uri) throws Exception {
    return PinSource.resolve(Pkcs11Uri.parse(uri)).orElseThrow();
  }

  private static boolean is(SecretBytes pin, String expected) {
    return pin.equalsSecretBytes(SecretBytes.copyOf(expected.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void fileUriForms_allReadThePin_withoutItsNewline() throws Exception {
    Path file = pinFile("123456\n");
    for (String source : new String[] {"file:" + file, "file://" + file, "file://localhost" + file, file.toString()}) {
      assertThat(is(resolve("pkcs11:?pin-source=" + source), "123456")).as(source).isTrue();
    }
  }

  @Test
  void crlfIsDropped_butOtherWhitespaceIsPartOfThePin() throws Exception {
    assertThat(is(resolve("pkcs11:?pin-source=file:" + pinFile("1234\r\n")), "1234")).isTrue();
    assertThat(is(resolve("pkcs11:?pin-source=file:" + pinFile(" 1234 ")), " 1234 ")).isTrue();
  }

  @Test
  void pinValue_isUsedAsItIs() throws Exception {
    assertThat(is(resolve("pkcs11:?pin-value=%31%32%33"), "123")).isTrue();
    assertThat(PinSource.resolve(Pkcs11Uri.parse("pkcs11:token=t"))).isEmpty();
  }

  @Test
  void badFiles_areRefused_namingTheFileNotThePin() throws Exception {
    Path empty = pinFile("\n");
    assertThatThrownBy(() -> resolve("pkcs11:?pin-source=file:" + empty)).hasMessageContaining("is empty");
    Path tooLong = pinFile("7".repeat(256));
    assertThatThrownBy(() -> resolve("pkcs11:?pin-source=file:" + tooLong))
        .hasMessageContaining("longer than a PIN").message().doesNotContain("777");
    Path readable = pinFile("424242");
    Files.setPosixFilePermissions(readable, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> resolve("pkcs11:?pin-source=file:" + readable))
        .hasMessageContaining("readable by others").message().doesNotContain("424242");
    assertThatThrownBy(() -> resolve("pkcs11:?pin-source=file:" + dir.resolve("absent"))).hasMessageContaining("does not exist");
    assertThatThrownBy(() -> resolve("pkcs11:?pin-source=file:" + dir)).hasMessageContaining("not a regular file");
  }

  @Test
  void otherSources_areRefused() {
    assertThatThrownBy(() -> resolve("pkcs11:?pin-source=|/usr/bin/ask-pin")).hasMessageContaining("running a program");
    assertThatThrownBy(() -> resolve("pkcs11:?pin-source=file://host/pin")).hasMessageContaining("host");
    assertThatThrownBy(() -> resolve("pkcs11:?pin-source=relative/pin")).hasMessageContaining("absolute");
    assertThatThrownBy(() -> resolve("pkcs11:?pin-source=file:relative")).hasMessageContaining("absolute");
  }
}
