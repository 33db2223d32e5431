package dev.castellan.core.internal.cbor;

import dev.castellan.core.cbor.CborArray;
import dev.castellan.core.cbor.CborBytes;
import dev.castellan.core.cbor.CborFloat;
import dev.castellan.core.cbor.CborInteger;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborSimple;
import dev.castellan.core.cbor.CborTag;
import dev.castellan.core.cbor.CborText;
import dev.castellan.core.cbor.CborValue;
import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * Diagnostic notation (RFC 8949 §8) for {@code toString()}: one stack frame per nesting level,
 * so any value the decoder accepts can be printed.
 */
public final class Diagnostic {
  private Diagnostic() {}

  public static String of(CborValue value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(CborValue value, StringBuilder out) {
    switch (value) {
      case CborInteger i -> out.append(i.fitsLong() ? Long.toString(i.isNegative() ? -1 - i.argument() : i.argument())
          : i.asBigInteger().toString());
      case CborBytes b -> out.append("h'").append(HexFormat.of().formatHex(b.bytes())).append('\'');
      case CborText t -> text(t.value(), out);
      case CborArray a -> {
        out.append('[');
        for (int k = 0; k < a.size(); k++) {
          out.append(k == 0 ? "" : ", ");
          write(a.get(k), out);
        }
        out.append(']');
      }
      case CborMap m -> {
        out.append('{');
        boolean first = true;
        for (Map.Entry<CborValue, CborValue> e : m.entries()) {
          out.append(first ? "" : ", ");
          first = false;
          write(e.getKey(), out);
          out.append(": ");
          write(e.getValue(), out);
        }
        out.append('}');
      }
      case CborTag t -> {
        out.append(Long.toUnsignedString(t.tag())).append('(');
        write(t.content(), out);
        out.append(')');
      }
      case CborSimple s -> out.append(switch (s.value()) {
        case 20 -> "false";
        case 21 -> "true";
        case 22 -> "null";
        case 23 -> "undefined";
        default -> "simple(" + s.value() + ")";
      });
      case CborFloat f -> out.append(number(f.value()));
    }
  }

  private static void text(String value, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** Numbers as JavaScript prints them, which is what diagnostic notation examples use. */
  private static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "Infinity" : "-Infinity";
    }
    double magnitude = Math.abs(v);
    if (magnitude == 0) {
      return Double.toString(v); // "0.0" or "-0.0"
    }
    if (magnitude >= 1e-6 && magnitude < 1e21) {
      String plain = new BigDecimal(Double.toString(v)).toPlainString();
      return plain.contains(".") ? plain : plain + ".0";
    }
    return Double.toString(v).replace("E", "e");
  }
}
