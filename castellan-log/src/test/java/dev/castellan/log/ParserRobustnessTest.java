package dev.castellan.log;

import dev.castellan.log.checkpoint.Checkpoint;
import dev.castellan.log.checkpoint.SignedCheckpoint;
import dev.castellan.log.merkle.TreeHasher;
import dev.castellan.log.note.Note;
import dev.castellan.log.note.NoteException;
import dev.castellan.log.note.NoteSigner;
import dev.castellan.log.note.NoteVerifier;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutated inputs (bit flips, truncations, insertions) to every parser of outside bytes fail
 * only with the parser's own checked exception, never a runtime exception.
 */
class ParserRobustnessTest {
  private final Random random = new Random(20261121);

  @Test
  void parsers_mutatedInputs_throwOnlyTheirCheckedExceptions() throws Exception {
    NoteSigner key = NoteSigner.generate("castellan.test/fuzz", new SecureRandom());
    byte[] note = SignedCheckpoint.sign(new Checkpoint(key.name(), 42, TreeHasher.emptyRoot()), key).note();
    byte[] record = TestKeys.ecdsaP256().sign("fuzz".getBytes(StandardCharsets.UTF_8)).encoded();
    String vkey = key.verifier().vkey();
    for (int i = 0; i < 5_000; i++) {
      byte[] n = mutate(note);
      try {
        SignedCheckpoint.open(n, key.name(), key.verifier());
      } catch (NoteException expected) {
        // refused
      }
      try {
        Note.open(n, List.of(key.verifier()));
        Checkpoint.parse(new String(n, StandardCharsets.UTF_8));
      } catch (NoteException expected) {
        // refused
      }
      try {
        LogRecord.decode(mutate(record)).verifySignature();
      } catch (RecordException expected) {
        // refused
      }
      try {
        NoteVerifier.parse(new String(mutate(vkey.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
      } catch (NoteException expected) {
        // refused
      }
    }
  }

  private byte[] mutate(byte[] input) {
    byte[] out = input.clone();
    switch (random.nextInt(4)) {
      case 0 -> out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
      case 1 -> out = java.util.Arrays.copyOf(out, random.nextInt(out.length));
      case 2 -> {
        int at = random.nextInt(out.length);
        byte[] longer = new byte[out.length + 1];
        System.arraycopy(out, 0, longer, 0, at);
        longer[at] = (byte) random.nextInt(256);
        System.arraycopy(out, at, longer, at + 1, out.length - at);
        out = longer;
      }
      default -> out[random.nextInt(out.length)] = (byte) random.nextInt(256);
    }
    return out;
  }
}
