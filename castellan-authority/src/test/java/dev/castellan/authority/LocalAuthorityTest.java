package dev.castellan.authority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.keys.MeasurementSealer;
import dev.castellan.keys.Sealer;
import dev.castellan.tokens.CapabilityClaims;
import dev.castellan.tokens.KeySetDocument;
import dev.castellan.tokens.TokenException;
import dev.castellan.tokens.TokenVerifier;
import dev.castellan.tokens.VerifierOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalAuthorityTest {
  private static final String ISSUER = "castellan.test/authority";
  private final SecureRandom random = new SecureRandom();
  private final SecretBytes deviceSecret = SecretBytes.copyOf(new byte[32]);
  @TempDir Path data;

  private Sealer sealer(int measurementByte) {
    byte[] measurement = new byte[48];
    measurement[0] = (byte) measurementByte;
    return MeasurementSealer.create(deviceSecret, measurement, random);
  }

  private LocalAuthority open(Sealer sealer) throws Exception {
    return LocalAuthority.open(data, sealer, ISSUER, Clock.systemUTC(), random);
  }

  @Test
  void firstBoot_writesSealedKeyKeySetAndOperatorAcl_ownerOnly() throws Exception {
    open(sealer(1));
    Path dir = data.resolve(LocalAuthority.DIRECTORY);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    for (String file : List.of(LocalAuthority.KEY_FILE, LocalAuthority.KEY_SET_FILE, LocalAuthority.ACL_FILE)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(file)))).as(file).isEqualTo("rw-------");
    }
    assertThat(Files.readString(dir.resolve(LocalAuthority.ACL_FILE)))
        .contains("\"operator\": [\"sign:bip340\", \"sign:ecdsa\", \"log:append\"]");
  }

  @Test
  void issuedToken_verifiesForEachGrantedScope_atTheAudience() throws Exception {
    LocalAuthority authority = open(sealer(1));
    byte[] token = authority.issue(LocalAuthority.OPERATOR, LocalAuthority.OPERATOR_SCOPES, "oracle", Duration.ofMinutes(5));
    TokenVerifier verifier = TokenVerifier.create(
        KeySetDocument.verifyTrustAnchor(authority.keySetDocument(), authority.keySet().activeKeyId()),
        VerifierOptions.defaults().withReusableTokens());
    verifier.updateRevocationList(authority.revocationList(), java.time.Instant.now());
    for (String scope : LocalAuthority.OPERATOR_SCOPES) {
      CapabilityClaims claims = verifier.verify(token, scope, "oracle", java.time.Instant.now());
      assertThat(claims.subject()).isEqualTo("operator");
      assertThat(Duration.between(claims.issuedAt(), claims.expiresAt())).isEqualTo(Duration.ofMinutes(5));
    }
    assertThatThrownBy(() -> verifier.verify(token, "sign:bip340", "another", java.time.Instant.now()))
        .isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.rule()).isEqualTo(TokenException.Rule.AUDIENCE));
  }

  @Test
  void issue_deniedByTheAcl_namesTheRule() throws Exception {
    LocalAuthority authority = open(sealer(1));
    assertThatThrownBy(() -> authority.issue("vm-7", List.of("sign:bip340"), "oracle", Duration.ofMinutes(1)))
        .isInstanceOf(IssueDeniedException.class).hasMessageStartingWith("acl.subject-unknown");
    assertThatThrownBy(() -> authority.issue("operator", List.of("luks:unlock"), "oracle", Duration.ofMinutes(1)))
        .isInstanceOf(IssueDeniedException.class).hasMessageContaining("luks:unlock");
  }

  @Test
  void revocationLists_haveIncreasingVersions() throws Exception {
    LocalAuthority authority = open(sealer(1));
    TokenVerifier verifier = TokenVerifier.create(authority.keySet(), VerifierOptions.defaults());
    verifier.updateRevocationList(authority.revocationList(), java.time.Instant.now());
    verifier.updateRevocationList(authority.revocationList(), java.time.Instant.now());
  }

  @Test
  void revokedToken_isInTheNextRevocationList_andRefused() throws Exception {
    LocalAuthority authority = open(sealer(1));
    byte[] token = authority.issue(LocalAuthority.OPERATOR, List.of("sign:bip340"), "oracle", Duration.ofMinutes(5));
    TokenVerifier verifier = TokenVerifier.create(authority.keySet(), VerifierOptions.defaults().withReusableTokens());
    verifier.updateRevocationList(authority.revocationList(), java.time.Instant.now());
    verifier.verify(token, "sign:bip340", "oracle", java.time.Instant.now());
    authority.revoke(dev.castellan.tokens.CapabilityToken.decode(token).claims().tokenId());
    verifier.updateRevocationList(authority.revocationList(), java.time.Instant.now());
    assertThatThrownBy(() -> verifier.verify(token, "sign:bip340", "oracle", java.time.Instant.now()))
        .isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.rule()).isEqualTo(TokenException.Rule.REVOKED));
  }

  @Test
  void rotate_newKeyActive_oldTokensStillAccepted_byAVerifierThatTakesTheUpdate() throws Exception {
    Sealer sealer = sealer(1);
    LocalAuthority before = open(sealer);
    byte[] oldToken = before.issue(LocalAuthority.OPERATOR, List.of("sign:bip340"), "oracle", Duration.ofMinutes(5));
    TokenVerifier verifier = TokenVerifier.create(before.keySet(), VerifierOptions.defaults().withReusableTokens()
        .withoutRevocationList());
    before.rotate(sealer);
    LocalAuthority after = open(sealer);
    assertThat(after.keySet().version()).isEqualTo(2);
    assertThat(after.keySet().activeKeyId()).isNotEqualTo(before.keySet().activeKeyId());
    assertThat(after.keySet().entries()).hasSize(2);
    verifier.updateKeySet(after.keySetDocument()); // signed by the outgoing and the new key
    verifier.verify(oldToken, "sign:bip340", "oracle", java.time.Instant.now());
    byte[] newToken = after.issue(LocalAuthority.OPERATOR, List.of("sign:bip340"), "oracle", Duration.ofMinutes(5));
    assertThat(dev.castellan.tokens.CapabilityToken.decode(newToken).keyId()).isEqualTo(after.keySet().activeKeyId());
    verifier.verify(newToken, "sign:bip340", "oracle", java.time.Instant.now());
  }

  @Test
  void rotationInterrupted_afterTheKeySet_isCompleted_beforeIt_isAbandoned() throws Exception {
    Sealer sealer = sealer(1);
    Path dir = data.resolve(LocalAuthority.DIRECTORY);
    LocalAuthority first = open(sealer);
    byte[] oldKey = Files.readAllBytes(dir.resolve(LocalAuthority.KEY_FILE));
    byte[] oldSet = Files.readAllBytes(dir.resolve(LocalAuthority.KEY_SET_FILE));
    String newKid = first.rotate(sealer).activeKeyId().toString();
    byte[] newKey = Files.readAllBytes(dir.resolve(LocalAuthority.KEY_FILE));
    // Crash between writing the key set and moving the key: the next open finishes.
    Files.write(dir.resolve(KeyRotation.NEXT_KEY_FILE), newKey);
    Files.write(dir.resolve(LocalAuthority.KEY_FILE), oldKey);
    assertThat(open(sealer).keySet().activeKeyId().toString()).isEqualTo(newKid);
    assertThat(dir.resolve(KeyRotation.NEXT_KEY_FILE)).doesNotExist();
    // Crash after sealing the new key only: the old authority stands, the stray key goes.
    Files.write(dir.resolve(KeyRotation.NEXT_KEY_FILE), newKey);
    Files.write(dir.resolve(LocalAuthority.KEY_FILE), oldKey);
    Files.write(dir.resolve(LocalAuthority.KEY_SET_FILE), oldSet);
    assertThat(open(sealer).keySet().activeKeyId()).isEqualTo(first.keySet().activeKeyId());
    assertThat(dir.resolve(KeyRotation.NEXT_KEY_FILE)).doesNotExist();
  }

  @Test
  void reopen_sameMeasurement_sameKey_otherMeasurement_refused() throws Exception {
    String kid = open(sealer(1)).keySet().activeKeyId().toString();
    assertThat(open(sealer(1)).keySet().activeKeyId().toString()).isEqualTo(kid);
    assertThatThrownBy(() -> open(sealer(2))).isInstanceOf(java.security.GeneralSecurityException.class);
  }

  @Test
  void tamperedKeySet_refused() throws Exception {
    open(sealer(1));
    Path keySet = data.resolve(LocalAuthority.DIRECTORY).resolve(LocalAuthority.KEY_SET_FILE);
    byte[] bytes = Files.readAllBytes(keySet);
    bytes[bytes.length - 1] ^= 1;
    Files.write(keySet, bytes);
    assertThatThrownBy(() -> open(sealer(1))).isInstanceOf(java.security.GeneralSecurityException.class);
  }
}
