package dev.castellan.runtime.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.hash.HashAlgorithm;
import dev.castellan.testkit.OpenSsl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileHasherTest {
  @Test
  void hash_abc_isTheFips202Vector(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("abc"), "abc", StandardCharsets.US_ASCII);
    assertThat(new FileHasher().hash(file)).isEqualTo("b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e"
        + "10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0");
  }

  @Test
  void hash_fileOfSeveralBuffers_equalsTheDigestOfItsBytes(@TempDir Path dir) throws IOException {
    byte[] content = new byte[FileHasher.BUFFER_BYTES * 3 + 17];
    new Random(1).nextBytes(content);
    Path file = Files.write(dir.resolve("big"), content);
    FileHasher hasher = new FileHasher();
    hasher.hash(Files.writeString(dir.resolve("other"), "reused"));
    assertThat(hasher.hash(file)).isEqualTo(Hex.encode(HashAlgorithm.SHA3_512.hash(content)));
  }

  @Test
  void hash_equalsOpensslDgstSha3_512(@TempDir Path dir) throws Exception {
    byte[] content = new byte[FileHasher.BUFFER_BYTES + 4099];
    new Random(2).nextBytes(content);
    Path file = Files.write(dir.resolve("f.bin"), content);
    OpenSsl.Result openssl = OpenSsl.run(dir, "dgst", "-sha3-512", "-r", file.toString());
    assertThat(openssl.ok()).as(openssl.output()).isTrue();
    assertThat(new FileHasher().hash(file)).isEqualTo(openssl.output().substring(0, 128));
  }
}
