package dev.castellan.authority;

import dev.castellan.core.bytes.Hex;
import dev.castellan.keys.SealedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The token ids an operator revoked, in {@value #FILE} of the authority's directory: one
 * line {@code <cti hex> <revoked at, epoch seconds>} per token. Public data (a token id is
 * not a secret). An entry is kept for {@link #KEEP} after its revocation: no token lives
 * longer than the verifiers' maximum lifetime (5 minutes) plus their skew, so after that the
 * token is refused as expired anyway and the list stays short.
 */
public final class RevokedTokens {
  public static final String FILE = "revoked.txt";
  public static final Duration KEEP = Duration.ofMinutes(10);
  /** The revocation list's own bound (RevocationList.MAX_ENTRIES). */
  public static final int MAX = 2048;
  private static final int MAX_FILE_BYTES = MAX * 160;

  private RevokedTokens() {}

  /** The ids still worth listing at {@code now}. */
  public static List<byte[]> read(Path authorityDirectory, Instant now) throws IOException {
    return new ArrayList<>(entries(authorityDirectory.resolve(FILE), now).keySet().stream().map(Hex::decode).toList());
  }

  /**
   * Adds {@code tokenId} (16 to 64 bytes), drops entries past {@link #KEEP}, and rewrites the
   * file atomically; a full list is refused rather than truncated.
   */
  public static void add(Path authorityDirectory, byte[] tokenId, Instant now) throws IOException {
    if (tokenId.length < 16 || tokenId.length > 64) {
      throw new IllegalArgumentException("a token id is 16 to 64 bytes, got " + tokenId.length);
    }
    Path file = authorityDirectory.resolve(FILE);
    Map<String, Long> entries = entries(file, now);
    entries.putIfAbsent(Hex.encode(tokenId), now.getEpochSecond());
    if (entries.size() > MAX) {
      throw new IOException("the revocation list is full (" + MAX + " tokens revoked in the last " + KEEP.toMinutes()
          + " minutes)");
    }
    StringBuilder text = new StringBuilder();
    entries.forEach((id, at) -> text.append(id).append(' ').append(at).append('\n'));
    SealedFile.writeAtomically(file, text.toString().getBytes(StandardCharsets.US_ASCII));
  }

  private static Map<String, Long> entries(Path file, Instant now) throws IOException {
    Map<String, Long> entries = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return entries;
    }
    if (Files.size(file) > MAX_FILE_BYTES) {
      throw new IOException(file + " is larger than " + MAX_FILE_BYTES + " bytes");
    }
    int number = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
      number++;
      String[] fields = line.strip().split(" ");
      if (line.isBlank()) {
        continue;
      }
      try {
        byte[] id = Hex.decode(fields[0]);
        long at = Long.parseLong(fields[1]);
        if (fields.length != 2 || id.length < 16 || id.length > 64) {
          throw new IllegalArgumentException();
        }
        if (now.isBefore(Instant.ofEpochSecond(at).plus(KEEP))) {
          entries.put(Hex.encode(id), at);
        }
      } catch (RuntimeException e) {
        throw new IOException(file + " line " + number + ": expected '<token id hex> <epoch seconds>'");
      }
    }
    return entries;
  }
}
