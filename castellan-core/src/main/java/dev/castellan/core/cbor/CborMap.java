package dev.castellan.core.cbor;

import dev.castellan.core.internal.cbor.DeterministicOrder;
import dev.castellan.core.internal.cbor.Diagnostic;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A map (major type 5). It keeps its entries in the order given (or decoded) and MUST NOT
 * hold two keys with the same deterministic encoding: construction rejects duplicates.
 * Equality ignores entry order. Keys are kept sorted in deterministic (RFC 8949 §4.2.1)
 * order by a comparison that needs no encoding, and lookups binary-search them: no hashing,
 * so a hostile set of keys cannot degrade lookups, and no copies, so nested keys cost no
 * extra memory.
 */
public final class CborMap implements CborValue {
  private static final DeterministicOrder ORDER = DeterministicOrder.INSTANCE;

  private final List<Map.Entry<CborValue, CborValue>> entries;
  private final List<Map.Entry<CborValue, CborValue>> sorted;

  private CborMap(List<Map.Entry<CborValue, CborValue>> entries) {
    this.entries = entries;
    this.sorted = sortedUnique(entries);
  }

  private static List<Map.Entry<CborValue, CborValue>> sortedUnique(List<Map.Entry<CborValue, CborValue>> entries) {
    boolean inOrder = true; // decoded deterministic input always is: then there is nothing to sort
    for (int i = 1; i < entries.size() && inOrder; i++) {
      inOrder = ORDER.compare(entries.get(i - 1).getKey(), entries.get(i).getKey()) < 0;
    }
    if (inOrder) {
      return entries;
    }
    List<Map.Entry<CborValue, CborValue>> sorted = new ArrayList<>(entries);
    sorted.sort((a, b) -> ORDER.compare(a.getKey(), b.getKey()));
    for (int i = 1; i < sorted.size(); i++) {
      if (ORDER.compare(sorted.get(i - 1).getKey(), sorted.get(i).getKey()) == 0) {
        throw new IllegalArgumentException("duplicate map key");
      }
    }
    return List.copyOf(sorted);
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
    return sorted;
  }

  /** The value for {@code key}, or {@code null} when absent. */
  public CborValue get(CborValue key) {
    int low = 0;
    int high = sorted.size() - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      int c = ORDER.compare(sorted.get(middle).getKey(), key);
      if (c == 0) {
        return sorted.get(middle).getValue();
      }
      if (c < 0) {
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return null;
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
    return o instanceof CborMap other && other.sorted.equals(sorted);
  }

  @Override
  public int hashCode() {
    return sorted.hashCode();
  }

  /** Diagnostic notation (RFC 8949 §8). */
  @Override
  public String toString() {
    return Diagnostic.of(this);
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
