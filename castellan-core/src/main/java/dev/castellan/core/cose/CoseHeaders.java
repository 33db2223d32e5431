package dev.castellan.core.cose;

import dev.castellan.core.cbor.CborArray;
import dev.castellan.core.cbor.CborBytes;
import dev.castellan.core.cbor.CborInteger;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborText;
import dev.castellan.core.cbor.CborValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One bucket of COSE header parameters (RFC 9052 §3): an immutable map from label ({@code int}
 * or {@code tstr}) to value, with typed access to the common parameters of §3.1 and every
 * other label kept as received.
 *
 * <p>Construction (by {@link Builder} or when decoding) MUST reject: a label that is neither an
 * integer nor a text string; a duplicate label; {@code alg} (1) that is not an int or tstr;
 * {@code crit} (2) that is not a non-empty array of int/tstr; {@code content type} (3) that is
 * not a uint below 65536 or a tstr; {@code kid} (4) that is not a bstr. Rules that involve both
 * buckets (a label in both, {@code crit} placement) are enforced by {@link CoseSign1}.
 */
public final class CoseHeaders {
  /** Label of {@code alg}: the algorithm (RFC 9052 §3.1). */
  public static final long ALGORITHM = 1;
  /** Label of {@code crit}: labels the recipient MUST understand (RFC 9052 §3.1). */
  public static final long CRITICAL = 2;
  /** Label of {@code content type} (RFC 9052 §3.1). */
  public static final long CONTENT_TYPE = 3;
  /** Label of {@code kid}: key identifier (RFC 9052 §3.1). */
  public static final long KEY_ID = 4;

  private static final Set<CborValue> UNDERSTOOD_CRITICAL =
      Set.of(CborValue.of(ALGORITHM), CborValue.of(CONTENT_TYPE), CborValue.of(KEY_ID));

  private static final CoseHeaders EMPTY = new CoseHeaders(CborMap.builder().build());

  private final CborMap map;

  private CoseHeaders(CborMap map) {
    this.map = map;
  }

  /** No header parameters. */
  public static CoseHeaders empty() {
    return EMPTY;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Validates and wraps a decoded header map. */
  static CoseHeaders fromMap(CborMap map) throws CoseException {
    for (Map.Entry<CborValue, CborValue> entry : map.entries()) {
      checkParameter(entry.getKey(), entry.getValue());
    }
    return new CoseHeaders(map);
  }

  /** The header map as a CBOR value. */
  public CborMap toCbor() {
    return map;
  }

  public boolean isEmpty() {
    return map.isEmpty();
  }

  /** The labels, in the order given or received. */
  public Set<CborValue> labels() {
    Set<CborValue> labels = new LinkedHashSet<>();
    for (Map.Entry<CborValue, CborValue> entry : map.entries()) {
      labels.add(entry.getKey());
    }
    return labels;
  }

  public boolean contains(CborValue label) {
    return map.containsKey(label);
  }

  /** The value of the parameter with this integer label. */
  public Optional<CborValue> get(long label) {
    return Optional.ofNullable(map.get(label));
  }

  /** The value of the parameter with this text label. */
  public Optional<CborValue> get(String label) {
    return Optional.ofNullable(map.get(label));
  }

  /**
   * The algorithm, if {@code alg} is present.
   *
   * @throws CoseException "unsupported algorithm" if it names anything but ES256, ES384 or EdDSA
   *     (including every text-string algorithm name)
   */
  public Optional<CoseAlgorithm> algorithm() throws CoseException {
    CborValue value = map.get(ALGORITHM);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof CborInteger integer) || !integer.fitsLong()) {
      throw new CoseException("unsupported algorithm (not a registered integer identifier)");
    }
    return Optional.of(CoseAlgorithm.fromId(integer.isNegative() ? -1 - integer.argument() : integer.argument()));
  }

  /** A copy of {@code kid}, if present. */
  public Optional<byte[]> keyId() {
    return map.get(KEY_ID) instanceof CborBytes kid ? Optional.of(kid.bytes()) : Optional.empty();
  }

  /** {@code content type}: a CoAP content-format number (uint) or a media type (tstr). */
  public Optional<CborValue> contentType() {
    return Optional.ofNullable(map.get(CONTENT_TYPE));
  }

  /** The labels listed in {@code crit}; empty if absent. */
  public List<CborValue> critical() {
    return map.get(CRITICAL) instanceof CborArray array ? array.items() : List.of();
  }

  /** Rules that span both buckets (RFC 9052 §3 and §3.1). */
  static void checkBuckets(CoseHeaders protectedHeaders, CoseHeaders unprotectedHeaders)
      throws CoseException {
    for (CborValue label : unprotectedHeaders.labels()) {
      if (protectedHeaders.contains(label)) {
        throw new CoseException("header label present in both buckets");
      }
    }
    if (unprotectedHeaders.contains(CborValue.of(CoseHeaders.CRITICAL))) {
      throw new CoseException("crit must be in the protected bucket");
    }
    for (CborValue label : protectedHeaders.critical()) {
      if (!protectedHeaders.contains(label)) {
        throw new CoseException("crit lists a label absent from the protected bucket");
      }
    }
  }

  /**
   * Rejects a {@code crit} that lists a label this implementation does not process: only
   * {@code alg}, {@code content type} and {@code kid} are understood (RFC 9052 §3.1).
   */
  void requireCriticalUnderstood() throws CoseException {
    for (CborValue label : critical()) {
      if (!UNDERSTOOD_CRITICAL.contains(label)) {
        throw new CoseException("critical header parameter not understood");
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CoseHeaders other && other.map.equals(map);
  }

  @Override
  public int hashCode() {
    return map.hashCode();
  }

  /** Diagnostic notation of the map; header values are not secret. */
  @Override
  public String toString() {
    return map.toString();
  }

  static boolean isLabel(CborValue value) {
    return value instanceof CborText || (value instanceof CborInteger integer && integer.fitsLong());
  }

  private static void checkParameter(CborValue label, CborValue value) throws CoseException {
    if (!isLabel(label)) {
      throw new CoseException("header label must be an integer or a text string");
    }
    if (!(label instanceof CborInteger integer) || integer.isNegative()) {
      return;
    }
    long number = integer.argument();
    boolean ok = true;
    if (number == ALGORITHM) {
      ok = isLabel(value);
    } else if (number == CRITICAL) {
      ok = value instanceof CborArray array
          && array.size() > 0
          && array.items().stream().allMatch(CoseHeaders::isLabel);
    } else if (number == CONTENT_TYPE) {
      ok = value instanceof CborText
          || (value instanceof CborInteger type && !type.isNegative() && type.argument() < 65536);
    } else if (number == KEY_ID) {
      ok = value instanceof CborBytes;
    }
    if (!ok) {
      throw new CoseException("header parameter " + number + " has the wrong type");
    }
  }

  /** Collects header parameters; {@link #build()} validates them. */
  public static final class Builder {
    private final List<Map.Entry<CborValue, CborValue>> entries = new ArrayList<>();

    private Builder() {}

    public Builder algorithm(CoseAlgorithm algorithm) {
      return put(ALGORITHM, CborValue.of(algorithm.id()));
    }

    public Builder keyId(byte[] keyId) {
      return put(KEY_ID, CborValue.of(keyId));
    }

    /** A CoAP content-format number (RFC 7252 §12.3), 0..65535. */
    public Builder contentType(int contentFormat) {
      return put(CONTENT_TYPE, CborValue.of(contentFormat));
    }

    /** A media type, e.g. {@code application/cwt}. */
    public Builder contentType(String mediaType) {
      return put(CONTENT_TYPE, CborValue.of(mediaType));
    }

    /** Marks these labels critical (only valid in the protected bucket). */
    public Builder critical(CborValue... labels) {
      return put(CRITICAL, CborValue.array(labels));
    }

    public Builder put(long label, CborValue value) {
      return put(CborValue.of(label), value);
    }

    public Builder put(String label, CborValue value) {
      return put(CborValue.of(label), value);
    }

    public Builder put(CborValue label, CborValue value) {
      entries.add(Map.entry(Objects.requireNonNull(label, "label"), Objects.requireNonNull(value, "value")));
      return this;
    }

    /**
     * @throws CoseException if a label repeats or a parameter has the wrong type (see the class
     *     documentation)
     */
    public CoseHeaders build() throws CoseException {
      CborMap map;
      try {
        map = CborMap.of(entries);
      } catch (IllegalArgumentException e) {
        throw new CoseException("duplicate header label", e);
      }
      return fromMap(map);
    }
  }
}
