package dev.castellan.core.cbor;

import java.util.List;
import java.util.stream.Collectors;

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

  @Override
  public String toString() {
    return items.stream().map(Object::toString).collect(Collectors.joining(", ", "[", "]"));
  }
}
