package dev.castellan.server.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.signature.EcdsaSignatureEncoding;
import dev.castellan.core.signature.Secp256k1EcdsaVerifier;
import dev.castellan.core.signature.Secp256k1PrivateKey;
import dev.castellan.server.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PayloadServiceTest {
  @TempDir Path dir;

  @Test
  void everyAnswerIsSignedOverItsBodyAndEchoesTheNonce() throws Exception {
    Secp256k1PrivateKey key = ServiceKeyFile.loadOrCreate(dir.resolve("echo.key"), new SecureRandom());
    ServerConfig config = ServerConfig.defaults().withDataDirectory(dir).withPort(0).withTls(false);
    try (PayloadService service = PayloadService.start(config, "echo", key, Clock.systemUTC(), new SecureRandom())) {
      HttpClient http = HttpClient.newHttpClient();
      String nonce = "5a".repeat(32);
      HttpResponse<byte[]> echo = http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/echo?nonce=" + nonce
          + "&message=hi")).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, echo.statusCode());
      assertTrue(new String(echo.body()).contains("\"nonce\":\"" + nonce + "\""));
      assertTrue(new String(echo.body()).contains("\"message\":\"hi\""));
      Secp256k1EcdsaVerifier verifier = Secp256k1EcdsaVerifier.create(key.publicKey(), EcdsaSignatureEncoding.DER);
      verifier.verify(Hex.decode(echo.headers().firstValue("X-Service-Signature").orElseThrow()), echo.body());
      assertEquals(Hex.encode(key.publicKey().toBytes()), echo.headers().firstValue("X-Service-Pubkey").orElseThrow());

      byte[] tampered = echo.body().clone();
      tampered[tampered.length - 3] ^= 1;
      assertThrows(GeneralSecurityException.class,
          () -> verifier.verify(Hex.decode(echo.headers().firstValue("X-Service-Signature").orElseThrow()), tampered));

      HttpResponse<byte[]> bad = http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/echo?nonce=00"))
          .build(), HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(400, bad.statusCode());
      assertTrue(new String(bad.body()).contains("must be 32 bytes"));
      verifier.verify(Hex.decode(bad.headers().firstValue("X-Service-Signature").orElseThrow()), bad.body());
    }
  }

  @Test
  void theKeyFileIsPrivateStableAndCheckedOnLoad() throws Exception {
    Path file = dir.resolve("keys").resolve("echo.key");
    Secp256k1PrivateKey first = ServiceKeyFile.loadOrCreate(file, new SecureRandom());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(first.publicKey(), ServiceKeyFile.loadOrCreate(file, new SecureRandom()).publicKey());

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    IOException open = assertThrows(IOException.class, () -> ServiceKeyFile.loadOrCreate(file, new SecureRandom()));
    assertTrue(open.getMessage().contains("readable by others"), open.getMessage());

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    Files.writeString(file, "not a key\n");
    IOException garbage = assertThrows(IOException.class, () -> ServiceKeyFile.loadOrCreate(file, new SecureRandom()));
    assertEquals("service key " + file + ": not 64 hex digits (a secp256k1 private key)", garbage.getMessage());

    Files.writeString(file, "00".repeat(32) + "\n");
    IOException zero = assertThrows(IOException.class, () -> ServiceKeyFile.loadOrCreate(file, new SecureRandom()));
    assertTrue(zero.getMessage().endsWith("not a valid secp256k1 private key"), zero.getMessage());
  }
}
