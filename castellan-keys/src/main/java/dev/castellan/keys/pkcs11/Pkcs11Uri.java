package dev.castellan.keys.pkcs11;

import dev.castellan.core.bytes.SecretBytes;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A PKCS#11 URI (RFC 7512): which module, token and object, and where the PIN is, e.g.
 * {@code pkcs11:token=castellan;object=log;id=%01;type=private?module-path=/usr/lib/softhsm/libsofthsm2.so&pin-source=file:/run/pin}.
 *
 * <p>Parsing follows the ABNF of RFC 7512 section 2.3: values are percent-decoded, characters
 * outside a component's class are refused, and no attribute may appear twice. Section 2.5's
 * matching rules decide unknown attributes: an unrecognized <em>path</em> attribute (a vendor
 * attribute included) would make the URI match nothing, so it is refused here with its name;
 * an unrecognized <em>query</em> attribute is ignored. Attribute names and the {@code type}
 * value are compared without case (RFC 5234 section 2.3: ABNF literals are case-insensitive);
 * values are compared exactly. Our own rules, stricter than the RFC: {@code pin-source} and
 * {@code pin-value} together are refused (which one would win is not obvious to a reader),
 * {@code module-path} must be absolute, and every value is bounded (the text fields by the
 * sizes of the PKCS#11 structures they are compared with).
 *
 * <p>The PIN of {@code pin-value} is held as {@link SecretBytes}: {@link #toString()} and
 * {@link #format()} never contain it. Instances are immutable.
 */
public final class Pkcs11Uri {
  /** Upper bound of a URI's text: two paths of PATH_MAX (4096) plus every other attribute. */
  public static final int MAX_LENGTH = 12 * 1024;

  /** Values of the {@code type} attribute (RFC 7512 section 2.3) and their object classes. */
  public enum ObjectType {
    PUBLIC("public"), PRIVATE("private"), CERT("cert"), SECRET_KEY("secret-key"), DATA("data");

    private final String value;

    ObjectType(String value) {
      this.value = value;
    }

    /** The attribute value, e.g. {@code private}. */
    public String value() {
      return value;
    }

    static Optional<ObjectType> of(String value) {
      return Arrays.stream(values()).filter(t -> t.value.equals(value.toLowerCase(Locale.ROOT))).findFirst();
    }
  }

  /** Text path attributes, in the order {@link #format()} writes them, with their maximum UTF-8 length. */
  static final Map<String, Integer> TEXT_ATTRIBUTES = textAttributes();

  private final Map<String, String> text;
  private final byte[] id;
  private final ObjectType type;
  private final Long slotId;
  private final String libraryVersion;
  private final String modulePath;
  private final String moduleName;
  private final String pinSource;
  private final SecretBytes pinValue;

  Pkcs11Uri(Map<String, String> text, byte[] id, ObjectType type, Long slotId, String libraryVersion,
      String modulePath, String moduleName, String pinSource, SecretBytes pinValue) {
    this.text = Collections.unmodifiableMap(new LinkedHashMap<>(text));
    this.id = id == null ? null : id.clone();
    this.type = type;
    this.slotId = slotId;
    this.libraryVersion = libraryVersion;
    this.modulePath = modulePath;
    this.moduleName = moduleName;
    this.pinSource = pinSource;
    this.pinValue = pinValue;
  }

  /** Parses {@code text}; see the class comment for what is refused. */
  public static Pkcs11Uri parse(String text) throws Pkcs11UriException {
    return Pkcs11UriParser.parse(text);
  }

  private static Map<String, Integer> textAttributes() {
    Map<String, Integer> map = new LinkedHashMap<>();
    // CK_TOKEN_INFO, CK_SLOT_INFO and CK_INFO fields (PKCS#11 v2.40 section 3.2 and 3.3).
    map.put("token", 32);
    map.put("manufacturer", 32);
    map.put("serial", 16);
    map.put("model", 16);
    map.put("library-manufacturer", 32);
    map.put("library-description", 32);
    map.put("slot-description", 64);
    map.put("slot-manufacturer", 32);
    // CKA_LABEL has no size in the standard; 255 bytes is far above any label a tool writes.
    map.put("object", 255);
    return Collections.unmodifiableMap(map);
  }

  /** A text path attribute ({@code token}, {@code object}, {@code serial}, ...), decoded. */
  public Optional<String> attribute(String name) {
    return Optional.ofNullable(text.get(name));
  }

  public Optional<String> token() {
    return attribute("token");
  }

  /** The object's label ({@code CKA_LABEL}). */
  public Optional<String> object() {
    return attribute("object");
  }

  /** The object's {@code CKA_ID}, decoded bytes. */
  public Optional<byte[]> id() {
    return Optional.ofNullable(id).map(byte[]::clone);
  }

  public Optional<ObjectType> type() {
    return Optional.ofNullable(type);
  }

  public OptionalLong slotId() {
    return slotId == null ? OptionalLong.empty() : OptionalLong.of(slotId);
  }

  /** {@code library-version}, {@code M} or {@code M.m}. */
  public Optional<String> libraryVersion() {
    return Optional.ofNullable(libraryVersion);
  }

  public Optional<Path> modulePath() {
    return Optional.ofNullable(modulePath).map(Path::of);
  }

  public Optional<String> moduleName() {
    return Optional.ofNullable(moduleName);
  }

  /** {@code pin-source} as written (a {@code file:} URI or an absolute path); see {@link PinSource}. */
  public Optional<String> pinSource() {
    return Optional.ofNullable(pinSource);
  }

  /** Whether the URI carries a {@code pin-value} (never printed). */
  public boolean hasPinValue() {
    return pinValue != null;
  }

  Optional<SecretBytes> pinValue() {
    return Optional.ofNullable(pinValue).map(SecretBytes::duplicate);
  }

  /**
   * This URI's module, token and query with the object attributes replaced by {@code label},
   * {@code id} and {@code type}: the URI of one object of this token.
   */
  public Pkcs11Uri forObject(String label, byte[] objectId, ObjectType objectType) {
    Map<String, String> copy = new LinkedHashMap<>(text);
    copy.remove("object");
    if (label != null && !label.isEmpty()) {
      copy.put("object", label);
    }
    return new Pkcs11Uri(copy, objectId == null || objectId.length == 0 ? null : objectId, objectType, slotId,
        libraryVersion, modulePath, moduleName, pinSource, pinValue);
  }

  /**
   * The URI in a canonical form: path attributes in a fixed order, {@code id} fully
   * percent-encoded, then {@code module-name}, {@code module-path} and {@code pin-source}.
   * {@code pin-value} is never written: a URI printed or logged carries no PIN.
   */
  public String format() {
    StringBuilder out = new StringBuilder("pkcs11:");
    String separator = "";
    for (String name : TEXT_ATTRIBUTES.keySet()) {
      if (text.containsKey(name)) {
        out.append(separator).append(name).append('=').append(PercentEncoding.encode(text.get(name), false));
        separator = ";";
      }
    }
    if (libraryVersion != null) {
      out.append(separator).append("library-version=").append(libraryVersion);
      separator = ";";
    }
    if (slotId != null) {
      out.append(separator).append("slot-id=").append(Long.toUnsignedString(slotId));
      separator = ";";
    }
    if (id != null) {
      out.append(separator).append("id=").append(PercentEncoding.encodeAll(id));
      separator = ";";
    }
    if (type != null) {
      out.append(separator).append("type=").append(type.value());
    }
    separator = "?";
    for (String[] query : new String[][] {{"module-name", moduleName}, {"module-path", modulePath}, {"pin-source", pinSource}}) {
      if (query[1] != null) {
        out.append(separator).append(query[0]).append('=').append(PercentEncoding.encode(query[1], true));
        separator = "&";
      }
    }
    return out.toString();
  }

  /** {@link #format()}: never the PIN. */
  @Override
  public String toString() {
    return format();
  }

  /** Equal URIs format alike and carry the same PIN value (compared in constant time). */
  @Override
  public boolean equals(Object o) {
    return o instanceof Pkcs11Uri other && format().equals(other.format())
        && (pinValue == null ? other.pinValue == null : other.pinValue != null && pinValue.equalsSecretBytes(other.pinValue));
  }

  @Override
  public int hashCode() {
    return format().hashCode();
  }
}
