package dev.castellan.keys.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Pkcs11UriTest {
  private static final String EXAMPLE = "pkcs11:token=castellan;object=log;id=%01;type=private"
      + "?module-path=/usr/lib/softhsm/libsofthsm2.so&pin-source=file:/run/castellan/pin";

  @Test
  void parse_theBriefsExample_hasEveryAttribute() throws Exception {
    Pkcs11Uri uri = Pkcs11Uri.parse(EXAMPLE);
    assertThat(uri.token()).contains("castellan");
    assertThat(uri.object()).contains("log");
    assertThat(uri.id()).hasValueSatisfying(id -> assertThat(id).containsExactly(1));
    assertThat(uri.type()).contains(Pkcs11Uri.ObjectType.PRIVATE);
    assertThat(uri.modulePath()).contains(Path.of("/usr/lib/softhsm/libsofthsm2.so"));
    assertThat(uri.pinSource()).contains("file:/run/castellan/pin");
    assertThat(uri.hasPinValue()).isFalse();
    assertThat(uri.format()).isEqualTo(EXAMPLE);
  }

  @Test
  void parse_percentEncoding_isDecodedInEveryValue() throws Exception {
    Pkcs11Uri uri = Pkcs11Uri.parse("pkcs11:token=My%20Token;object=a%3Bb%2fc&d;id=%00%ff%7F;serial=%41BC"
        + "?module-path=/opt/hsm%20lib/p11.so&pin-source=file:/a%26b");
    assertThat(uri.token()).contains("My Token");
    assertThat(uri.object()).contains("a;b/c&d"); // '&' may stand unencoded in the path
    assertThat(uri.id()).hasValueSatisfying(id -> assertThat(id).containsExactly(0x00, 0xff, 0x7f));
    assertThat(uri.attribute("serial")).contains("ABC");
    assertThat(uri.modulePath()).contains(Path.of("/opt/hsm lib/p11.so"));
    assertThat(uri.pinSource()).contains("file:/a&b");
  }

  @Test
  void parse_utf8Label_isDecodedStrictly() throws Exception {
    assertThat(Pkcs11Uri.parse("pkcs11:object=cl%C3%A9").object()).contains("clé");
  }

  @Test
  void format_roundTrips_andEncodesIdFully() throws Exception {
    Pkcs11Uri uri = Pkcs11Uri.parse("pkcs11:type=public;id=AB;object=x%20y;token=t;slot-id=7;library-version=2.6"
        + "?pin-source=/p&module-path=/m.so");
    assertThat(uri.format()).isEqualTo(
        "pkcs11:token=t;object=x%20y;library-version=2.6;slot-id=7;id=%41%42;type=public?module-path=/m.so&pin-source=/p");
    assertThat(Pkcs11Uri.parse(uri.format())).isEqualTo(uri);
  }

  @Test
  void attributeNamesAndTypeValue_areCaseInsensitive() throws Exception {
    Pkcs11Uri uri = Pkcs11Uri.parse("PKCS11:TOKEN=t;Type=PRIVATE?Module-Path=/m.so");
    assertThat(uri.token()).contains("t");
    assertThat(uri.type()).contains(Pkcs11Uri.ObjectType.PRIVATE);
    assertThat(uri.modulePath()).contains(Path.of("/m.so"));
  }

  @Test
  void pinValue_isHeldButNeverPrinted() throws Exception {
    Pkcs11Uri uri = Pkcs11Uri.parse("pkcs11:token=t?module-path=/m.so&pin-value=s3cr%65t");
    assertThat(uri.hasPinValue()).isTrue();
    assertThat(uri.pinValue()).hasValueSatisfying(pin ->
        assertThat(pin.equalsSecretBytes(SecretBytes.copyOf("s3cret".getBytes(StandardCharsets.UTF_8)))).isTrue());
    assertThat(uri.format()).doesNotContain("s3cr").doesNotContain("pin-value");
    assertThat(uri.toString()).isEqualTo("pkcs11:token=t?module-path=/m.so");
    assertThat(uri.forObject("k", new byte[] {1}, Pkcs11Uri.ObjectType.PRIVATE).hasPinValue()).isTrue();
  }

  @Test
  void unknownQueryAttributes_areIgnored_asSection25Says() throws Exception {
    Pkcs11Uri uri = Pkcs11Uri.parse("pkcs11:token=t?x-vendor=anything&module-path=/m.so&other=%41");
    assertThat(uri.format()).isEqualTo("pkcs11:token=t?module-path=/m.so");
  }

  @Test
  void emptyUri_matchesEverything() throws Exception {
    assertThat(Pkcs11Uri.parse("pkcs11:").format()).isEqualTo("pkcs11:");
    assertThat(Pkcs11Uri.parse("pkcs11:?module-path=/m.so").modulePath()).isPresent();
  }

  @Test
  void forObject_replacesTheObjectAttributes_keepsTokenAndQuery() throws Exception {
    Pkcs11Uri uri = Pkcs11Uri.parse(EXAMPLE).forObject("other", new byte[] {2, 3}, Pkcs11Uri.ObjectType.PUBLIC);
    assertThat(uri.format()).isEqualTo("pkcs11:token=castellan;object=other;id=%02%03;type=public"
        + "?module-path=/usr/lib/softhsm/libsofthsm2.so&pin-source=file:/run/castellan/pin");
    assertThat(Pkcs11Uri.parse(EXAMPLE).forObject(null, null, null).format())
        .isEqualTo("pkcs11:token=castellan?module-path=/usr/lib/softhsm/libsofthsm2.so&pin-source=file:/run/castellan/pin");
  }

  /** Each invalid URI and a word its message must contain; every failure is reported at once. */
  @Test
  void parse_invalidUris_areRefusedWithTheReason() {
    Map<String, String> invalid = new java.util.LinkedHashMap<>();
    invalid.put("pkcs:token=t", "starts with 'pkcs11:'");
    invalid.put("token=t", "starts with 'pkcs11:'");
    invalid.put("pkcs11:foo=bar", "unknown path attribute 'foo'");
    invalid.put("pkcs11:x-vendor=1;token=t", "unknown path attribute 'x-vendor'");
    invalid.put("pkcs11:token=a;token=b", "appears twice");
    invalid.put("pkcs11:token=a;TOKEN=b", "appears twice");
    invalid.put("pkcs11:token=t?module-path=/a&module-path=/b", "appears twice");
    invalid.put("pkcs11:token=%G1", "two hex digits");
    invalid.put("pkcs11:token=%2", "two hex digits");
    invalid.put("pkcs11:token=a/b", "must be percent-encoded");
    invalid.put("pkcs11:token=a b", "must be percent-encoded");
    invalid.put("pkcs11:token=a#b", "must be percent-encoded");
    invalid.put("pkcs11:token=t?pin-source=file:/a;b", "must be percent-encoded");
    invalid.put("pkcs11:type=secret", "one of public, private");
    invalid.put("pkcs11:slot-id=abc", "decimal");
    invalid.put("pkcs11:slot-id=99999999999999999999", "unsigned 64-bit");
    invalid.put("pkcs11:library-version=1.2.3", "M or M.m");
    invalid.put("pkcs11:token=t?module-path=lib/p11.so", "absolute");
    invalid.put("pkcs11:token=t?pin-source=/p&pin-value=1234", "not both");
    invalid.put("pkcs11:token=t?token=u", "belongs in the path");
    invalid.put("pkcs11:token=t?id=%01", "belongs in the path");
    invalid.put("pkcs11:module-path=/m.so", "belongs in the query");
    invalid.put("pkcs11:token=" + "x".repeat(33), "longer than 32 bytes");
    invalid.put("pkcs11:serial=" + "1".repeat(17), "longer than 16 bytes");
    invalid.put("pkcs11:id=" + "%01".repeat(256), "longer than 255 bytes");
    invalid.put("pkcs11:token=a%0Ab", "control character");
    invalid.put("pkcs11:token=%FF", "not UTF-8");
    invalid.put("pkcs11:token", "not name=value");
    invalid.put("pkcs11:=x", "not name=value");
    invalid.put("pkcs11:to%6Ben=x", "characters outside");
    invalid.put("pkcs11:token=t;", "not name=value");
    invalid.put("pkcs11:token=t?pin-value=", "1 to 255 bytes");
    invalid.put("pkcs11:object=" + "x".repeat(Pkcs11Uri.MAX_LENGTH), "at most");
    List<String> failures = new ArrayList<>();
    invalid.forEach((text, reason) -> {
      try {
        Pkcs11Uri.parse(text);
        failures.add(abbreviate(text) + ": accepted");
      } catch (Pkcs11UriException e) {
        if (!e.getMessage().contains(reason)) {
          failures.add(abbreviate(text) + ": message '" + e.getMessage() + "' lacks '" + reason + "'");
        }
      }
    });
    assertThat(failures).isEmpty();
  }

  @Test
  void parse_badPinValue_messageHoldsNoPinCharacters() {
    assertThatThrownBy(() -> Pkcs11Uri.parse("pkcs11:token=t?pin-value=97 31"))
        .isInstanceOf(Pkcs11UriException.class).message().doesNotContain("97").doesNotContain("31").doesNotContain("U+0020");
    assertThatThrownBy(() -> Pkcs11Uri.parse("pkcs11:token=t?pin-value9731"))
        .isInstanceOf(Pkcs11UriException.class).message().doesNotContain("9731");
  }

  private static String abbreviate(String text) {
    return text.length() > 60 ? text.substring(0, 60) + "..." : text;
  }
}
