package dev.castellan.core.cbor;

import dev.castellan.core.internal.cbor.CborEncoder;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A map (major type 5). It keeps its entries in the order given (or decoded) and MUST NOT
 * hold two keys with the same deterministic encoding: construction rejects duplicates.
 * Equality ignores entry order. Lookups encode the key and binary-search the keys' sorted
 * deterministic encodings, so a hostile set of keys cannot degrade them (no hashing).
 */
public final class CborMap implements CborValue {
  private static final Comparator<byte[]> BYTEWISE = Arrays::compareUnsigned;

  private final List<Map.Entry<CborValue, CborValue>> entries;
  private final byte[][] sortedKeys;
  private final int[] sortedToEntry;

  private CborMap(List<Map.Entry<CborValue, CborValue>> entries) {
    this.entries = entries;
    int n = entries.size();
    byte[][] encoded = new byte[n][];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      encoded[i] = CborEncoder.deterministic(entries.get(i).getKey());
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> BYTEWISE.compare(encoded[a], encoded[b]));
    sortedKeys = new byte[n][];
    sortedToEntry = new int[n];
    for (int i = 0; i < n; i++) {
      sortedKeys[i] = encoded[order[i]];
      sortedToEntry[i] = order[i];
      if (i > 0 && Arrays.equals(sortedKeys[i - 1], sortedKeys[i])) {
        throw new IllegalArgumentException("duplicate map key at entry " + Math.max(order[i], order[i - 1]));
      }
    }
  }

  /**
   * A map of these entries, in this order.
   *
   * @throws IllegalArgumentException if two keys have the same deterministic encoding
   */
  public static CborMap of(List<? extends Map.Entry<? extends CborValue, ? extends CborValue>> entries) {
    List<Map.Entry<CborValue, CborValue>> copy = new ArrayList<>(entries.size());
    for (Map.Entry<? extends CborValue, ? extends CborValue> e : entries) {
      copy.add(new SimpleImmutableEntry<>(Objects.requireNonNull(e.getKey()), Objects.requireNonNull(e.getValue())));
    }
    return new CborMap(List.copyOf(copy));
  }

  public static Builder builder() {
    return new Builder();
  }

  public int size() {
    return entries.size();
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The entries in construction (or decoding) order. */
  public List<Map.Entry<CborValue, CborValue>> entries() {
    return entries;
  }

  /** The entries sorted bytewise by their keys' deterministic encodings (RFC 8949 §4.2.1). */
  public List<Map.Entry<CborValue, CborValue>> sortedEntries() {
    List<Map.Entry<CborValue, CborValue>> sorted = new ArrayList<>(sortedToEntry.length);
    for (int index : sortedToEntry) {
      sorted.add(entries.get(index));
    }
    return sorted;
  }

  /** The value for {@code key}, or {@code null} when absent. */
  public CborValue get(CborValue key) {
    int i = Arrays.binarySearch(sortedKeys, CborEncoder.deterministic(key), BYTEWISE);
    return i < 0 ? null : entries.get(sortedToEntry[i]).getValue();
  }

  public CborValue get(long key) {
    return get(CborValue.of(key));
  }

  public CborValue get(String key) {
    return get(CborValue.of(key));
  }

  public boolean containsKey(CborValue key) {
    return get(key) != null;
  }

  /** The value for {@code key}; throws when absent (the message names the key's kind only). */
  public CborValue require(CborValue key) throws CborException {
    CborValue value = get(key);
    if (value == null) {
      throw new CborException("missing map key (" + key.kind() + ")");
    }
    return value;
  }

  public CborValue require(long key) throws CborException {
    CborValue value = get(key);
    if (value == null) {
      throw new CborException("missing map key " + key);
    }
    return value;
  }

  public CborValue require(String key) throws CborException {
    return require(CborValue.of(key));
  }

  @Override
  public CborMap asMap() {
    return this;
  }

  @Override
  public String kind() {
    return "map";
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CborMap other) || other.size() != size()) {
      return false;
    }
    for (int i = 0; i < sortedKeys.length; i++) {
      if (!Arrays.equals(sortedKeys[i], other.sortedKeys[i])
          || !entries.get(sortedToEntry[i]).getValue().equals(other.entries.get(other.sortedToEntry[i]).getValue())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 0;
    for (int i = 0; i < sortedKeys.length; i++) {
      h += Arrays.hashCode(sortedKeys[i]) ^ entries.get(sortedToEntry[i]).getValue().hashCode();
    }
    return h;
  }

  @Override
  public String toString() {
    return entries.stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ", "{", "}"));
  }

  /** Collects entries in order; {@link #build()} rejects duplicate keys. */
  public static final class Builder {
    private final List<Map.Entry<CborValue, CborValue>> entries = new ArrayList<>();

    private Builder() {}

    public Builder put(CborValue key, CborValue value) {
      entries.add(new SimpleImmutableEntry<>(Objects.requireNonNull(key), Objects.requireNonNull(value)));
      return this;
    }

    public Builder put(long key, CborValue value) {
      return put(CborValue.of(key), value);
    }

    public Builder put(String key, CborValue value) {
      return put(CborValue.of(key), value);
    }

    public Builder put(String key, String value) {
      return put(CborValue.of(key), CborValue.of(value));
    }

    public Builder put(String key, long value) {
      return put(CborValue.of(key), CborValue.of(value));
    }

    /** @throws IllegalArgumentException on a duplicate key */
    public CborMap build() {
      return new CborMap(List.copyOf(entries));
    }
  }
}
