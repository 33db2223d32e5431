package dev.castellan.attestation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Supplies collateral from outside the evidence: endorsement certificates (VCEK/VLEK, AK
 * certificates), TCB info, QE identity, CRLs. Implementations here are offline: in memory,
 * a directory, or nothing. A network fetcher can implement this interface too, but none is
 * used unless a caller configures one.
 *
 * <p>Contract: a source returns raw bytes (DER, PEM or JSON, as the platform's verifier
 * documents) and authenticates nothing; verifiers MUST verify every piece of collateral
 * they use (signature, chain, binding to the evidence). A source MAY answer a request with a
 * specific id using the entry stored under the empty id ({@link CollateralKey#generic()}),
 * since verifiers check the binding anyway.
 */
@FunctionalInterface
public interface CollateralSource {
  /** Largest collateral item read: 1 MiB (CRLs of large CAs are the biggest, ~100 KB). */
  int MAX_BYTES = 1 << 20;

  /**
   * The collateral stored under {@code key}, if any.
   *
   * @throws CollateralException if the source exists but cannot be read
   */
  Optional<byte[]> find(CollateralKey key) throws CollateralException;

  /** A source with nothing in it. */
  static CollateralSource none() {
    return key -> Optional.empty();
  }

  /** An immutable in-memory source; lookups fall back to the entry with the empty id. */
  static CollateralSource of(Map<CollateralKey, byte[]> entries) {
    Map<CollateralKey, byte[]> copy = new HashMap<>();
    entries.forEach((k, v) -> copy.put(k, v.clone()));
    return key -> {
      byte[] value = copy.get(key);
      if (value == null) {
        value = copy.get(key.generic());
      }
      return Optional.ofNullable(value).map(byte[]::clone);
    };
  }

  /** An in-memory source holding one item under {@code (platform, kind, "")}. */
  static CollateralSource of(Platform platform, String kind, byte[] value) {
    return of(Map.of(CollateralKey.of(platform, kind), value));
  }

  /**
   * An offline directory: the item for {@code (platform, kind, id)} is the file {@code
   * <root>/<platform lower-case>/<kind>/<id>}, falling back to {@code .../<kind>/default}.
   * Symbolic links are not followed; files over {@link #MAX_BYTES} are an error.
   */
  static CollateralSource directory(Path root) {
    return key -> {
      Path dir = root.resolve(key.platform().name().toLowerCase(Locale.ROOT)).resolve(key.kind());
      for (String name : key.id().isEmpty() ? List.of("default") : List.of(key.id(), "default")) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        try {
          if (Files.size(file) > MAX_BYTES) {
            throw new CollateralException(
                "collateral.size", "collateral file too large", MAX_BYTES + " bytes", null);
          }
          return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
          throw new CollateralException(
              "collateral.read", "cannot read collateral " + key.kind() + "/" + name, e);
        }
      }
      return Optional.empty();
    };
  }

  /** Asks each source in order and returns the first answer. */
  static CollateralSource firstOf(CollateralSource... sources) {
    List<CollateralSource> list = List.of(sources);
    return key -> {
      for (CollateralSource source : list) {
        Optional<byte[]> found = source.find(key);
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    };
  }
}
