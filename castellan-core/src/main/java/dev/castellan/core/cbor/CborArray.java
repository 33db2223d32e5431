package dev.castellan.core.cbor;

import dev.castellan.core.internal.cbor.Diagnostic;
import java.util.List;

/** An array (major type 4): an immutable list of items, compared element by element. */
public record CborArray(List<CborValue> items) implements CborValue {
  public CborArray {
    items = List.copyOf(items);
  }

  public int size() {
    return items.size();
  }

  public CborValue get(int index) {
    return items.get(index);
  }

  @Override
  public List<CborValue> asArray() {
    return items;
  }

  @Override
  public String kind() {
    return "array";
  }

  // Explicit, because the generated record methods spend many stack frames per nesting level.
  @Override
  public boolean equals(Object o) {
    return o instanceof CborArray other && items.equals(other.items);
  }

  @Override
  public int hashCode() {
    return items.hashCode();
  }

  /** Diagnostic notation (RFC 8949 §8). */
  @Override
  public String toString() {
    return Diagnostic.of(this);
  }
}
