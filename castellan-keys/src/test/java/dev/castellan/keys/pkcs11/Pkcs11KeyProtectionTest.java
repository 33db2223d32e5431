package dev.castellan.keys.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.keys.pkcs11.internal.Ck;
import dev.castellan.keys.pkcs11.internal.ReturnValue;
import dev.castellan.testkit.SoftHsm;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A generated private key cannot leave the token: not through this binding, not through OpenSC's pkcs11-tool. */
class Pkcs11KeyProtectionTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Pkcs11KeyType.class)
  void privateKey_isSensitiveAndNeverExtractable_andItsValueCannotBeRead(Pkcs11KeyType type) throws Exception {
    SoftHsm.Token token = SoftHsm.createToken("protect", dir);
    try (Pkcs11Token opened = Pkcs11Token.open(Pkcs11Uri.parse(token.uri("")))) {
      opened.generateKeyPair(type, "guarded", new byte[] {0x42});
      long key = opened.privateKeyHandle(Pkcs11Uri.parse(token.uri("object=guarded")));
      assertThatThrownBy(() -> opened.attribute(key, Ck.CKA_VALUE))
          .isInstanceOfSatisfying(Pkcs11Exception.class,
              e -> assertThat(e.returnValue()).isEqualTo(ReturnValue.CKR_ATTRIBUTE_SENSITIVE))
          .hasMessageContaining("CKR_ATTRIBUTE_SENSITIVE");
      assertThat(bool(opened, key, Ck.CKA_EXTRACTABLE)).isFalse();
      assertThat(bool(opened, key, Ck.CKA_NEVER_EXTRACTABLE)).isTrue();
      assertThat(bool(opened, key, Ck.CKA_SENSITIVE)).isTrue();
      assertThat(bool(opened, key, Ck.CKA_ALWAYS_SENSITIVE)).isTrue();
      assertThat(bool(opened, key, Ck.CKA_LOCAL)).isTrue(); // generated in the token, never imported
      assertThat(bool(opened, key, Ck.CKA_TOKEN)).isTrue();
      assertThat(bool(opened, key, Ck.CKA_PRIVATE)).isTrue();
      assertThat(bool(opened, key, Ck.CKA_DERIVE)).isFalse();
    }
    // An independent client (OpenSC's pkcs11-tool) reads the same protection from the token.
    String listing = SoftHsm.run(List.of("pkcs11-tool", "--module", SoftHsm.MODULE.toString(), "--token-label", token.label(),
        "--login", "--pin", token.pin(), "--list-objects", "--type", "privkey"));
    assertThat(listing).contains("label:      guarded").contains("sensitive, always sensitive, never extractable, local");
  }

  private static boolean bool(Pkcs11Token token, long object, long attribute) throws Exception {
    byte[] value = token.attribute(object, attribute).orElseThrow();
    return value.length == 1 && value[0] != 0;
  }
}
