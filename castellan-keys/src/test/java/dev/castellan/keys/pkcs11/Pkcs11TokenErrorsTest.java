package dev.castellan.keys.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.keys.pkcs11.internal.ReturnValue;
import dev.castellan.testkit.SoftHsm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way of naming the wrong thing ends in one clear message, never with a PIN in it. */
class Pkcs11TokenErrorsTest {
  @TempDir Path dir;

  @Test
  void wrongPin_isCkrPinIncorrect_andTheMessageHoldsNeitherPin() throws Exception {
    SoftHsm.Token token = SoftHsm.createToken("wrongpin", dir);
    String wrong = token.pin().equals("13572468") ? "86427531" : "13572468";
    Path wrongFile = Files.writeString(dir.resolve("wrong.pin"), wrong);
    Files.setPosixFilePermissions(wrongFile, PosixFilePermissions.fromString("rw-------"));
    for (String uri : new String[] {token.uriWithoutPin("") + "&pin-value=" + wrong,
        token.uriWithoutPin("") + "&pin-source=file:" + wrongFile}) {
      assertThatThrownBy(() -> Pkcs11Token.open(Pkcs11Uri.parse(uri)))
          .isInstanceOfSatisfying(Pkcs11Exception.class, e -> assertThat(e.returnValue()).isEqualTo(ReturnValue.CKR_PIN_INCORRECT))
          .hasMessage("token '" + token.label() + "': the PIN is incorrect (C_Login: CKR_PIN_INCORRECT)")
          .message().doesNotContain(wrong).doesNotContain(token.pin());
    }
  }

  @Test
  void unknownToken_namesTheTokensThatArePresent() throws Exception {
    SoftHsm.Token token = SoftHsm.createToken("present", dir);
    assertThatThrownBy(() -> Pkcs11Token.open(Pkcs11Uri.parse(
        "pkcs11:token=no-such-token?module-path=" + SoftHsm.MODULE + "&pin-value=" + token.pin())))
        .isInstanceOf(Pkcs11Exception.class)
        .hasMessageStartingWith("no token matches token=no-such-token in module " + SoftHsm.MODULE)
        .hasMessageContaining("'" + token.label() + "'")
        .message().doesNotContain(token.pin());
  }

  @Test
  void unknownObject_andPublicKeyUri_andMissingName_areRefused() throws Exception {
    SoftHsm.Token token = SoftHsm.createToken("objects", dir);
    try (Pkcs11Token opened = Pkcs11Token.open(Pkcs11Uri.parse(token.uri("")))) {
      opened.generateKeyPair(Pkcs11KeyType.P256, "real", new byte[] {1});
      assertThatThrownBy(() -> opened.signer(Pkcs11Uri.parse(token.uri("object=nope"))))
          .hasMessage("token '" + token.label() + "' has no private key object=nope");
      assertThatThrownBy(() -> opened.signer(Pkcs11Uri.parse(token.uri("object=real;id=%02"))))
          .hasMessage("token '" + token.label() + "' has no private key object=real;id=%02");
      assertThatThrownBy(() -> opened.signer(Pkcs11Uri.parse(token.uri("object=real;type=public"))))
          .isInstanceOf(Pkcs11UriException.class).hasMessageContaining("type=public names no private key");
      assertThatThrownBy(() -> opened.signer(Pkcs11Uri.parse(token.uri(""))))
          .isInstanceOf(Pkcs11UriException.class).hasMessageContaining("name the key with object=LABEL");
      assertThat(opened.signer(Pkcs11Uri.parse(token.uri("id=%01"))).uri().object()).contains("real");
    }
  }

  @Test
  void generate_duplicateLabelOrId_isRefused() throws Exception {
    SoftHsm.Token token = SoftHsm.createToken("dupes", dir);
    try (Pkcs11Token opened = Pkcs11Token.open(Pkcs11Uri.parse(token.uri("")))) {
      opened.generateKeyPair(Pkcs11KeyType.ED25519, "once", new byte[] {7});
      assertThatThrownBy(() -> opened.generateKeyPair(Pkcs11KeyType.ED25519, "once", new byte[] {8}))
          .hasMessageContaining("already holds an object labelled 'once'");
      assertThatThrownBy(() -> opened.generateKeyPair(Pkcs11KeyType.P256, "twice", new byte[] {7}))
          .hasMessageContaining("already holds an object with id 07");
      assertThat(opened.objects()).hasSize(2);
    }
  }

  @Test
  void withoutPin_signingAndGeneration_sayWhatIsMissing() throws Exception {
    SoftHsm.Token token = SoftHsm.createToken("nopin", dir);
    try (Pkcs11Token opened = Pkcs11Token.open(Pkcs11Uri.parse(token.uriWithoutPin("")))) {
      assertThat(opened.loggedIn()).isFalse();
      assertThatThrownBy(() -> opened.generateKeyPair(Pkcs11KeyType.P256, "k", new byte[] {1}))
          .hasMessageContaining("needs the user PIN to generate a key pair: add pin-source=");
      assertThatThrownBy(() -> opened.signer(Pkcs11Uri.parse(token.uriWithoutPin("object=k"))))
          .hasMessageContaining("needs the user PIN to sign");
    }
  }

  @Test
  void badModules_areNamed() throws Exception {
    assertThatThrownBy(() -> Pkcs11Token.open(Pkcs11Uri.parse("pkcs11:token=t")))
        .isInstanceOf(Pkcs11UriException.class).hasMessageContaining("names no module: add ?module-path=");
    assertThatThrownBy(() -> Pkcs11Token.open(Pkcs11Uri.parse("pkcs11:token=t?module-name=softhsm2")))
        .hasMessageContaining("module-name is not resolved here");
    assertThatThrownBy(() -> Pkcs11Token.open(Pkcs11Uri.parse("pkcs11:token=t?module-path=" + dir.resolve("absent.so"))))
        .hasMessage("module " + dir.resolve("absent.so") + ": does not exist");
    assertThatThrownBy(() -> Pkcs11Token.open(Pkcs11Uri.parse("pkcs11:token=t?module-path=" + dir)))
        .hasMessage("module " + dir + ": is not a regular file");
    Path libc = Path.of("/lib/x86_64-linux-gnu/libc.so.6");
    if (Files.exists(libc)) {
      assertThatThrownBy(() -> Pkcs11Token.open(Pkcs11Uri.parse("pkcs11:token=t?module-path=" + libc)))
          .hasMessageContaining("is not a PKCS#11 module (no C_GetFunctionList)");
    }
  }

  @Test
  void libraryAttributes_areMatchedAgainstTheModule() throws Exception {
    SoftHsm.Token token = SoftHsm.createToken("library", dir);
    assertThatThrownBy(() -> Pkcs11Token.open(Pkcs11Uri.parse("pkcs11:library-manufacturer=Nobody;token=" + token.label()
        + "?module-path=" + SoftHsm.MODULE))).hasMessageContaining("does not match the URI's library-manufacturer");
    try (Pkcs11Token opened = Pkcs11Token.open(Pkcs11Uri.parse("pkcs11:library-manufacturer=SoftHSM;token=" + token.label()
        + "?module-path=" + SoftHsm.MODULE))) {
      assertThat(opened.label()).isEqualTo(token.label());
    }
  }
}
