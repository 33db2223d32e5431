package dev.castellan.log.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.Hex;
import dev.castellan.log.checkpoint.Checkpoint;
import dev.castellan.log.checkpoint.SignedCheckpoint;
import dev.castellan.log.merkle.TreeHasher;
import dev.castellan.testkit.Failures;
import dev.castellan.testkit.Vectors;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every vector of merkle/signed-note-vectors.json, plus round trips of our own keys. */
class SignedNoteVectorsTest {
  private static final String FILE = "merkle/signed-note-vectors.json";

  private static JsonNode vector(String name) {
    for (JsonNode v : Vectors.json(FILE).get("vectors")) {
      if (v.get("name").asString().equals(name)) {
        return v;
      }
    }
    throw new AssertionError("vector missing: " + name);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<NoteVerifier> keys(JsonNode v) throws NoteException {
    List<NoteVerifier> keys = new ArrayList<>();
    for (String field : List.of("verifier_key", "log_verifier_key")) {
      if (v.has(field)) {
        keys.add(NoteVerifier.parse(v.get(field).asString()));
      }
    }
    for (String field : List.of("verifier_keys", "other_verifier_keys")) {
      if (v.has(field)) {
        for (JsonNode k : v.get(field)) {
          keys.add(NoteVerifier.parse(k.asString()));
        }
      }
    }
    return keys;
  }

  @Test
  void everyVector_behavesAsExpected() {
    Failures failures = new Failures();
    for (JsonNode v : Vectors.json(FILE).get("vectors")) {
      String name = v.get("name").asString();
      String expect = v.has("expect") ? v.get("expect").asString() : "";
      if (v.has("signed_note") && expect.startsWith("valid")) {
        failures.check(name, () -> {
          List<NoteVerifier> keys = keys(v);
          VerifiedNote opened = Note.open(utf8(v.get("signed_note").asString()), keys);
          assertThat(opened.verifiedBy()).containsExactlyInAnyOrderElementsOf(keys);
          if (v.has("text")) {
            assertThat(opened.text()).isEqualTo(v.get("text").asString());
          }
          assertThat(Note.parse(utf8(v.get("signed_note").asString())).format())
              .isEqualTo(v.get("signed_note").asString());
        });
      } else if (v.has("signed_note") && expect.startsWith("FORMAT ONLY")) {
        failures.check(name, () -> {
          Note note = Note.parse(utf8(v.get("signed_note").asString()));
          assertThat(note.format()).isEqualTo(v.get("signed_note").asString());
          assertThat(note.signatures()).hasSize(1);
          assertThatThrownBy(() -> Note.open(utf8(v.get("signed_note").asString()),
              List.of(NoteVerifier.parse(vector("sum.golang.org-checkpoint").get("verifier_key").asString()))))
              .isInstanceOf(NoteException.class);
        });
      } else if (name.equals("golang-sumdb-note-malformed")) {
        List<NoteVerifier> keys = new ArrayList<>();
        failures.check(name + " key", () -> keys.addAll(keys(v)));
        for (JsonNode c : v.get("cases")) {
          failures.check(name + ": " + c.get("why").asString(), () ->
              assertThatThrownBy(() -> Note.open(utf8(c.get("note").asString()), keys))
                  .isInstanceOf(NoteException.class));
        }
      } else if (name.equals("checkpoint-body-format")) {
        for (JsonNode c : v.get("cases")) {
          String text = c.get("text").asString();
          boolean stricter = rootIsNot32Bytes(text); // valid elsewhere; we require SHA-256 roots
          failures.check(name + ": " + text, () -> {
            if (c.get("valid").asBoolean() && !stricter) {
              Checkpoint checkpoint = Checkpoint.parse(text);
              assertThat(checkpoint.text()).isEqualTo(text);
              if (c.has("origin")) {
                assertThat(checkpoint.origin()).isEqualTo(c.get("origin").asString());
                assertThat(checkpoint.size()).isEqualTo(c.get("size").asLong());
              }
              if (c.has("extension_lines")) {
                assertThat(checkpoint.extensions()).containsExactly(c.get("extension_lines").get(0).asString());
              }
            } else {
              assertThatThrownBy(() -> Checkpoint.parse(text)).isInstanceOf(NoteException.class);
            }
          });
        }
      } else {
        failures.fail(name, "vector not recognised by this test");
      }
    }
    failures.assertNone(8 + 7 + 11);
  }

  private static boolean rootIsNot32Bytes(String text) {
    String[] lines = text.split("\n");
    try {
      return lines.length >= 3 && Base64.getDecoder().decode(lines[2]).length != 32;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Test
  void sign_peterNeumannKey_reproducesNoteByteForByte() throws Exception {
    JsonNode v = vector("golang-sumdb-note-peterneumann");
    NoteSigner signer = NoteSigner.parse(v.get("signer_key").asString());
    assertThat(signer.verifier().vkey()).isEqualTo(v.get("verifier_key").asString());
    Note note = Note.sign(v.get("text").asString(), List.of(signer));
    assertThat(note.format()).isEqualTo(v.get("signed_note").asString());
    NoteSigner fromSeed = NoteSigner.fromSeed("PeterNeumann", Hex.decode(v.get("ed25519_seed_hex").asString()));
    assertThat(new String(fromSeed.skey().toByteArray(), StandardCharsets.UTF_8))
        .isEqualTo(v.get("signer_key").asString());
    assertThat(signer.toString()).doesNotContain("AYEKFALV");
  }

  @Test
  void open_twoSigners_unknownSecondKeyIgnored() throws Exception {
    JsonNode v = vector("golang-sumdb-note-two-signers");
    NoteVerifier peter = NoteVerifier.parse(v.get("verifier_keys").get(0).asString());
    VerifiedNote opened = Note.open(utf8(v.get("signed_note").asString()), List.of(peter));
    assertThat(opened.verifiedBy()).containsExactly(peter);
    NoteSigner enoch = NoteSigner.fromSeed("EnochRoot", new byte[32]);
    assertThat(enoch.verifier().vkey()).isEqualTo(v.get("verifier_keys").get(1).asString());
  }

  @Test
  void open_sameNameDifferentKey_ignoredButNoVerifiedSignatureRejects() throws Exception {
    JsonNode v = vector("golang-sumdb-note-peterneumann");
    NoteVerifier impostor = NoteSigner.generate("PeterNeumann", new SecureRandom()).verifier();
    assertThatThrownBy(() -> Note.open(utf8(v.get("signed_note").asString()), List.of(impostor)))
        .isInstanceOf(NoteException.class).hasMessageContaining("no verified signature");
  }

  @Test
  void open_changedText_throws() throws Exception {
    JsonNode v = vector("golang-sumdb-note-peterneumann");
    String tampered = v.get("signed_note").asString().replace("answer", "Answer");
    NoteVerifier key = NoteVerifier.parse(v.get("verifier_key").asString());
    assertThatThrownBy(() -> Note.open(utf8(tampered), List.of(key)))
        .isInstanceOf(NoteException.class).hasMessageContaining("does not verify");
  }

  @Test
  void openCheckpoint_sumGolangOrg_parsesAndChecksOrigin() throws Exception {
    JsonNode v = vector("sum.golang.org-checkpoint");
    NoteVerifier key = NoteVerifier.parse(v.get("verifier_key").asString());
    byte[] note = utf8(v.get("signed_note").asString());
    SignedCheckpoint opened = SignedCheckpoint.open(note, "go.sum database tree", key);
    assertThat(opened.checkpoint().size()).isEqualTo(6476701);
    assertThat(opened.checkpoint().rootHash()).isEqualTo(Base64.getDecoder().decode(v.get("root_hash_b64").asString()));
    assertThatThrownBy(() -> SignedCheckpoint.open(note, "Go rocks but I might have the wrong ID", key))
        .isInstanceOf(NoteException.class);
  }

  @Test
  void open_extraUnknownSignatureLines_accepted() throws Exception {
    JsonNode v = vector("sum.golang.org-checkpoint-with-3-extra-signers");
    String withRandom = v.get("signed_note").asString()
        + "\u2014 random1 " + Base64.getEncoder().encodeToString(new byte[68]) + "\n"
        + "\u2014 random2 " + Base64.getEncoder().encodeToString(new byte[68]) + "\n";
    NoteVerifier log = NoteVerifier.parse(v.get("log_verifier_key").asString());
    assertThat(Note.open(utf8(withRandom), List.of(log)).verifiedBy()).containsExactly(log);
  }

  @Test
  void signedCheckpoint_roundTrip_opensWithOwnKey() throws Exception {
    NoteSigner key = NoteSigner.generate("castellan.test/log", new SecureRandom());
    Checkpoint checkpoint = new Checkpoint("castellan.test/log", 3, TreeHasher.emptyRoot());
    SignedCheckpoint signed = SignedCheckpoint.sign(checkpoint, key);
    assertThat(SignedCheckpoint.open(signed.note(), "castellan.test/log", key.verifier()).checkpoint())
        .isEqualTo(checkpoint);
    assertThat(NoteVerifier.parse(key.verifier().vkey()).publicKey()).isEqualTo(key.verifier().publicKey());
    assertThat(NoteSigner.parse(new String(key.skey().toByteArray(), StandardCharsets.UTF_8)).verifier().vkey())
        .isEqualTo(key.verifier().vkey());
  }
}
