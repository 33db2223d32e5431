package dev.castellan.attestation.policy;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.PolicyException;
import dev.castellan.attestation.SafeText;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/** Strict readers for policy JSON and the comparison checks shared by the references. */
final class PolicyJson {
  static final String CHECK = "policy.json";

  private PolicyJson() {}

  /** Rejects any member of {@code object} not in {@code names} (typos must not weaken). */
  static void allowOnly(JsonNode object, String where, String... names) throws PolicyException {
    if (!object.isObject()) {
      throw new PolicyException(CHECK, where + " must be a JSON object");
    }
    Set<String> allowed = Set.of(names);
    for (String name : object.propertyNames()) {
      if (!allowed.contains(name)) {
        throw new PolicyException(CHECK, "unknown member " + SafeText.escape(name) + " in " + where);
      }
    }
  }

  static boolean bool(JsonNode object, String name, boolean dflt) throws PolicyException {
    JsonNode v = object.get(name);
    if (v == null) {
      return dflt;
    }
    if (!v.isBoolean()) {
      throw new PolicyException(CHECK, name + " must be true or false");
    }
    return v.booleanValue();
  }

  static int integer(JsonNode object, String name, int dflt) throws PolicyException {
    JsonNode v = object.get(name);
    if (v == null) {
      return dflt;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
      throw new PolicyException(CHECK, name + " must be a non-negative integer");
    }
    return v.intValue();
  }

  static List<JsonNode> array(JsonNode object, String name) throws PolicyException {
    JsonNode v = object.get(name);
    if (v == null) {
      return List.of();
    }
    if (!v.isArray()) {
      throw new PolicyException(CHECK, name + " must be an array");
    }
    return new ArrayList<>(v.values());
  }

  /** Hex strings of {@code length} bytes each. */
  static List<ByteString> hexList(JsonNode object, String name, int length) throws PolicyException {
    List<ByteString> out = new ArrayList<>();
    for (JsonNode item : array(object, name)) {
      out.add(hex(item, name, length));
    }
    return List.copyOf(out);
  }

  static ByteString hex(JsonNode item, String name, int length) throws PolicyException {
    if (!item.isString()) {
      throw new PolicyException(CHECK, name + " values must be hex strings");
    }
    ByteString value;
    try {
      value = ByteString.fromHex(item.stringValue());
    } catch (IllegalArgumentException e) {
      throw new PolicyException(CHECK, name + " values must be hex strings");
    }
    if (value.length() != length) {
      throw new PolicyException(
          CHECK, name + " value has the wrong length", length + " bytes", value.length() + " bytes");
    }
    return value;
  }

  static Set<Integer> intSet(JsonNode object, String name, Set<Integer> dflt) throws PolicyException {
    if (object.get(name) == null) {
      return dflt;
    }
    Set<Integer> out = new LinkedHashSet<>();
    for (JsonNode item : array(object, name)) {
      if (!item.isIntegralNumber() || !item.canConvertToInt()) {
        throw new PolicyException(CHECK, name + " values must be integers");
      }
      out.add(item.intValue());
    }
    return Set.copyOf(out);
  }

  static List<String> strings(JsonNode object, String name) throws PolicyException {
    List<String> out = new ArrayList<>();
    for (JsonNode item : array(object, name)) {
      if (!item.isString()) {
        throw new PolicyException(CHECK, name + " values must be strings");
      }
      out.add(item.stringValue());
    }
    return List.copyOf(out);
  }

  /** {"<index>": ["hex", ...], ...}: allowed values per register index. */
  static SortedMap<Integer, List<ByteString>> registerMap(
      JsonNode object, String name, int maxIndex, int length) throws PolicyException {
    SortedMap<Integer, List<ByteString>> out = new TreeMap<>();
    JsonNode map = object.get(name);
    if (map == null) {
      return out;
    }
    if (!map.isObject()) {
      throw new PolicyException(CHECK, name + " must be an object of index to hex values");
    }
    for (String key : map.propertyNames()) {
      int index;
      try {
        index = Integer.parseInt(key);
      } catch (NumberFormatException e) {
        throw new PolicyException(CHECK, name + " keys must be register indexes");
      }
      if (index < 0 || index > maxIndex || !key.equals(Integer.toString(index))) {
        throw new PolicyException(CHECK, name + " index out of range", "0.." + maxIndex, null);
      }
      out.put(index, hexList(map, key, length));
    }
    return out;
  }
}
