package dev.castellan.attestation.image;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.hash.HashAlgorithm;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * The hash of a system image: SHA-256 over the Nix archive of a path ({@link NarWriter}), the
 * value {@code nix hash path} (SRI form), {@code nix hash path --base32} and {@code nix-hash
 * --type sha256} (hex) print for the same path. Immutable; compares its 32 bytes.
 */
public final class ImageHash {
  /** The digest length, SHA-256. */
  public static final int LENGTH = 32;
  private static final String NIX_PREFIX = "sha256:";
  private static final String SRI_PREFIX = "sha256-";

  private final byte[] digest;

  private ImageHash(byte[] digest) {
    if (digest.length != LENGTH) {
      throw new IllegalArgumentException("an image hash is " + LENGTH + " bytes, not " + digest.length);
    }
    this.digest = digest.clone();
  }

  /** The hash of {@code path}, a directory tree or a single file; symbolic links are not followed. */
  public static ImageHash of(Path path) throws IOException {
    MessageDigest sha256 = HashAlgorithm.SHA_256.newDigest();
    try (OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), sha256)) {
      NarWriter.write(path, sink);
    }
    return new ImageHash(sha256.digest());
  }

  public static ImageHash ofDigest(byte[] digest) {
    return new ImageHash(digest);
  }

  /**
   * Reads any of the three forms {@link #hex()}, {@link #nixBase32()} ({@code sha256:} and 52
   * characters, or the 52 characters alone as {@code nix-hash --base32} prints them) and
   * {@link #sri()}.
   *
   * @throws IllegalArgumentException naming which form was expected and what is wrong
   */
  public static ImageHash parse(String text) {
    String value = text.strip();
    if (value.startsWith(SRI_PREFIX)) {
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(value.substring(SRI_PREFIX.length()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("image hash: the SRI form is not valid base64", null);
      }
      return checked(bytes, "SRI");
    }
    if (value.startsWith(NIX_PREFIX)) {
      return new ImageHash(NixBase32.decode(value.substring(NIX_PREFIX.length()), LENGTH));
    }
    if (value.length() == 2 * LENGTH) {
      return new ImageHash(Hex.decode(value));
    }
    if (value.length() == NixBase32.encodedLength(LENGTH)) {
      return new ImageHash(NixBase32.decode(value, LENGTH));
    }
    throw new IllegalArgumentException(String.format(Locale.ROOT,
        "image hash: expected 64 hex digits, sha256: and 52 Nix base-32 characters, or sha256- and base64;"
            + " got %d characters", value.length()));
  }

  private static ImageHash checked(byte[] bytes, String form) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("image hash: the " + form + " form holds " + bytes.length
          + " bytes, expected " + LENGTH);
    }
    return new ImageHash(bytes);
  }

  public byte[] digest() {
    return digest.clone();
  }

  /** Lower-case hex, as {@code nix-hash --type sha256 PATH} prints it. */
  public String hex() {
    return Hex.encode(digest);
  }

  /** {@code sha256:} and Nix base-32; {@code nix hash path --base32} prints the part after the colon. */
  public String nixBase32() {
    return NIX_PREFIX + NixBase32.encode(digest);
  }

  /** Subresource Integrity, {@code sha256-} and padded base64: what {@code nix hash path} prints. */
  public String sri() {
    return SRI_PREFIX + Base64.getEncoder().encodeToString(digest);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ImageHash that && MessageDigest.isEqual(digest, that.digest);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(digest);
  }

  @Override
  public String toString() {
    return sri();
  }
}
