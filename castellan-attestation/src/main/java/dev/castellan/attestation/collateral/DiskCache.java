package dev.castellan.attestation.collateral;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.hash.HashAlgorithm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;

/**
 * Responses on disk: {@code <sha256(url)>.body} and {@code <sha256(url)>.chain}, each written to
 * a temporary file and moved into place atomically (chain first, so a body implies its chain).
 * Symbolic links are not followed; oversize or stale entries are ignored.
 */
final class DiskCache {
  private final Path dir;
  private final int maxBytes;
  private final Duration maxAge;

  DiskCache(Path dir, int maxBytes, Duration maxAge) {
    this.dir = dir;
    this.maxBytes = maxBytes;
    this.maxAge = maxAge;
  }

  HttpCollateralSource.Fetched read(String url) throws IOException {
    String name = name(url);
    Path body = dir.resolve(name + ".body");
    Path chain = dir.resolve(name + ".chain");
    if (!fresh(body) || !fresh(chain)) {
      return null;
    }
    return new HttpCollateralSource.Fetched(Files.readAllBytes(body), Files.readAllBytes(chain));
  }

  void write(String url, HttpCollateralSource.Fetched fetched) throws IOException {
    Files.createDirectories(dir);
    String name = name(url);
    atomicWrite(dir.resolve(name + ".chain"), fetched.chain());
    atomicWrite(dir.resolve(name + ".body"), fetched.body());
  }

  private boolean fresh(Path file) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > maxBytes) {
      return false;
    }
    Instant modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
    return !modified.plus(maxAge).isBefore(Instant.now());
  }

  private void atomicWrite(Path target, byte[] bytes) throws IOException {
    Path tmp = Files.createTempFile(dir, ".collateral-", ".tmp");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static String name(String url) {
    return Hex.encode(HashAlgorithm.SHA_256.hash(url.getBytes(StandardCharsets.UTF_8)));
  }
}
