package dev.castellan.log.note;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * A C2SP signed note (https://c2sp.org/signed-note): a text ending in a newline, a blank
 * line, and one or more signature lines.
 *
 * <p>{@link #parse} checks only the format. {@link #open} is what a relying party MUST use:
 * it verifies every signature from a known key (a failing one rejects the note), ignores
 * signatures from unknown keys (a matching name or ID alone does not make a key known), and
 * rejects the note unless at least one known key's signature verified. The text of a note
 * MUST NOT be used before {@code open} returns.
 *
 * @param text the signed text, ending in a newline
 * @param signatures the signature lines in their order
 */
public record Note(String text, List<NoteSignature> signatures) {
  /** 1 MiB: a checkpoint is under 1 KiB; this leaves room for many post-quantum cosignatures. */
  public static final int MAX_NOTE_BYTES = 1 << 20;

  /** Verifiers MUST accept at least 16 signatures; we accept up to 256 (C2SP signed-note). */
  public static final int MAX_SIGNATURES = 256;

  private static final String SIGNATURE_PREFIX = "\u2014 ";

  public Note {
    signatures = List.copyOf(signatures);
  }

  /** A note of {@code text} signed by each of {@code signers}. */
  public static Note sign(String text, List<NoteSigner> signers) throws NoteException {
    checkText(text);
    List<NoteSignature> signatures = new ArrayList<>();
    for (NoteSigner signer : signers) {
      signatures.add(signer.sign(text));
    }
    return new Note(text, signatures);
  }

  /** The whole note: text, blank line, signature lines. */
  public String format() {
    StringBuilder out = new StringBuilder(text).append('\n');
    signatures.forEach(s -> out.append(s.line()));
    return out.toString();
  }

  /** Parses the note format strictly, without verifying any signature. */
  public static Note parse(byte[] note) throws NoteException {
    if (note.length > MAX_NOTE_BYTES) {
      throw new NoteException("note is larger than " + MAX_NOTE_BYTES + " bytes");
    }
    String message;
    try {
      message = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(note))
          .toString();
    } catch (CharacterCodingException e) {
      throw new NoteException("note is not valid UTF-8");
    }
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      if (c < 0x20 && c != '\n') {
        throw new NoteException("note contains a control character");
      }
    }
    int split = message.lastIndexOf("\n\n");
    if (split < 0) {
      throw new NoteException("note has no signature block");
    }
    String text = message.substring(0, split + 1);
    String block = message.substring(split + 2);
    if (block.isEmpty() || !block.endsWith("\n")) {
      throw new NoteException("note signature block is empty or lacks its final newline");
    }
    String[] lines = block.substring(0, block.length() - 1).split("\n", -1);
    if (lines.length > MAX_SIGNATURES) {
      throw new NoteException("note has more than " + MAX_SIGNATURES + " signatures");
    }
    List<NoteSignature> signatures = new ArrayList<>(lines.length);
    for (String line : lines) {
      signatures.add(parseSignatureLine(line));
    }
    return new Note(text, signatures);
  }

  /** Parses, then verifies as described on this type; returns the verified signatures. */
  public static VerifiedNote open(byte[] note, Collection<NoteVerifier> verifiers) throws NoteException {
    Note parsed = parse(note);
    byte[] text = parsed.text.getBytes(StandardCharsets.UTF_8);
    List<NoteVerifier> verifiedBy = new ArrayList<>();
    for (NoteSignature signature : parsed.signatures) {
      NoteVerifier known = null;
      for (NoteVerifier v : verifiers) {
        if (v.name().equals(signature.name()) && v.keyId() == signature.keyId()) {
          known = v;
          break;
        }
      }
      if (known == null) {
        continue; // unknown key: ignored, as the specification requires
      }
      if (!known.isValid(text, signature.signature())) {
        throw new NoteException(String.format(Locale.ROOT,
            "signature by known key %s does not verify", known.name()));
      }
      if (!verifiedBy.contains(known)) {
        verifiedBy.add(known);
      }
    }
    if (verifiedBy.isEmpty()) {
      throw new NoteException("note has no verified signature from a known key");
    }
    return new VerifiedNote(parsed.text, verifiedBy);
  }

  private static NoteSignature parseSignatureLine(String line) throws NoteException {
    if (!line.startsWith(SIGNATURE_PREFIX)) {
      throw new NoteException("note has a line after the blank line that is not a signature");
    }
    String rest = line.substring(SIGNATURE_PREFIX.length());
    int space = rest.indexOf(' ');
    if (space < 0) {
      throw new NoteException("signature line has no signature");
    }
    String name = rest.substring(0, space);
    if (!KeyNames.isValid(name)) {
      throw new NoteException("signature line has an invalid key name");
    }
    byte[] wire;
    try {
      wire = Base64.getDecoder().decode(rest.substring(space + 1));
    } catch (IllegalArgumentException e) {
      throw new NoteException("signature is not base64");
    }
    if (wire.length < 5) {
      throw new NoteException("signature is too short");
    }
    int keyId = ((wire[0] & 0xff) << 24) | ((wire[1] & 0xff) << 16) | ((wire[2] & 0xff) << 8) | (wire[3] & 0xff);
    return new NoteSignature(name, keyId, java.util.Arrays.copyOfRange(wire, 4, wire.length));
  }

  static void checkText(String text) throws NoteException {
    if (text.isEmpty() || !text.endsWith("\n")) {
      throw new NoteException("note text must be non-empty and end with a newline");
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < 0x20 && text.charAt(i) != '\n') {
        throw new NoteException("note text contains a control character");
      }
    }
  }
}
