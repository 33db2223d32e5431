package dev.castellan.keys.broker;

import dev.castellan.core.bytes.ConstantTime;
import dev.castellan.keys.SealedFile;
import dev.castellan.keys.Sealer;
import dev.castellan.keys.UnsealException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The broker's keys on disk, one directory per key under the broker's key root: {@value
 * #POLICY_FILE} (the policy, public, its exact bytes), {@value #STATE_FILE} (the {@link
 * KeyState}, sealed), and during a policy change {@value #PENDING_FILE}. Every write is atomic
 * ({@link SealedFile}); the order of writes makes every crash recoverable:
 *
 * <ul>
 *   <li>put-policy writes the pending policy, then the sealed state naming its digest, then
 *       renames pending over the policy; a load that finds the state naming the pending file's
 *       digest finishes the rename, one that finds it naming the policy file drops the pending one;
 *   <li>any other mismatch of the policy file and the sealed digest is an edit outside the
 *       broker, and the key is refused ({@code broker.policy-changed}).
 * </ul>
 */
final class BrokerKeys {
  static final String POLICY_FILE = "policy.json";
  static final String STATE_FILE = "state.sealed";
  static final String PENDING_FILE = "policy.json.pending";

  /** A key as loaded: its state and the policy the state names. */
  record Loaded(KeyState state, KeyPolicy policy) {}

  private final Path root;
  private final Sealer sealer;

  BrokerKeys(Path root, Sealer sealer) {
    this.root = root;
    this.sealer = sealer;
  }

  Path directory(String keyId) {
    return root.resolve(keyId);
  }

  boolean exists(String keyId) {
    return Files.exists(directory(keyId).resolve(STATE_FILE));
  }

  /** Every key id with a directory, sorted. */
  Stream<String> keyIds() throws IOException {
    if (!Files.isDirectory(root)) {
      return Stream.empty();
    }
    java.util.List<String> ids = new java.util.ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path dir : dirs) {
        String id = dir.getFileName().toString();
        if (KeyIds.valid(id)) {
          ids.add(id);
        }
      }
    }
    return ids.stream().sorted();
  }

  /**
   * Reads, unseals and cross-checks one key's files.
   *
   * @throws BrokerException {@code broker.state} (it does not unseal) or {@code
   *     broker.policy-changed} (the policy file is not the one the sealed state names)
   */
  Loaded load(String keyId) throws IOException, BrokerException {
    Path dir = directory(keyId);
    byte[] sealed = SealedFile.read(dir.resolve(STATE_FILE))
        .orElseThrow(() -> unavailable("broker.state", "the key's sealed state is missing"));
    KeyState state;
    try {
      byte[] plain = sealer.unseal(sealed).toByteArray();
      try {
        state = KeyState.decode(plain);
      } finally {
        Arrays.fill(plain, (byte) 0);
      }
    } catch (UnsealException e) {
      throw unavailable("broker.state", "the key's sealed state does not unseal here (another broker build or device,"
          + " or the file was altered)");
    }
    if (!state.keyId().equals(keyId)) {
      throw unavailable("broker.state", "the sealed state in this key's directory is another key's");
    }
    Optional<byte[]> policy = SealedFile.read(dir.resolve(POLICY_FILE));
    Optional<byte[]> pending = SealedFile.read(dir.resolve(PENDING_FILE));
    if (pending.isPresent() && matches(pending.get(), state)) {
      SealedFile.writeAtomically(dir.resolve(POLICY_FILE), pending.get()); // finish an interrupted put-policy
      Files.deleteIfExists(dir.resolve(PENDING_FILE));
      policy = pending;
    } else if (pending.isPresent()) {
      Files.deleteIfExists(dir.resolve(PENDING_FILE)); // a put-policy that stopped before its state was sealed
    }
    if (policy.isEmpty() || !matches(policy.get(), state)) {
      throw unavailable("broker.policy-changed", "policy file changed outside the broker: its SHA-256 is not the"
          + " digest sealed with the key; restore the file the broker wrote (the log records the digest of every policy it accepted)");
    }
    return new Loaded(state, KeyPolicy.parse(policy.get()));
  }

  private static boolean matches(byte[] policy, KeyState state) {
    return ConstantTime.equals(dev.castellan.core.hash.HashAlgorithm.SHA_256.hash(policy), state.policyDigest());
  }

  /** Writes a new key's policy and state (create). */
  void create(KeyState state, KeyPolicy policy) throws IOException, GeneralSecurityException {
    Path dir = directory(state.keyId());
    Files.createDirectories(dir);
    SealedFile.writeAtomically(dir.resolve(POLICY_FILE), policy.bytes());
    writeState(state);
  }

  /** Replaces the policy and the state in the crash-safe order of the class comment. */
  void replace(KeyState state, KeyPolicy policy) throws IOException, GeneralSecurityException {
    Path dir = directory(state.keyId());
    SealedFile.writeAtomically(dir.resolve(PENDING_FILE), policy.bytes());
    writeState(state);
    SealedFile.writeAtomically(dir.resolve(POLICY_FILE), policy.bytes());
    Files.deleteIfExists(dir.resolve(PENDING_FILE));
  }

  void writeState(KeyState state) throws IOException, GeneralSecurityException {
    byte[] plain = state.encode();
    dev.castellan.core.bytes.SecretBytes secret = dev.castellan.core.bytes.SecretBytes.copyOf(plain);
    Arrays.fill(plain, (byte) 0);
    try {
      SealedFile.writeAtomically(directory(state.keyId()).resolve(STATE_FILE), sealer.seal(secret));
    } finally {
      secret.destroy();
    }
  }

  /** Removes a key's directory (delete, or completing a logged deletion). */
  void remove(String keyId) throws IOException {
    Path dir = directory(keyId);
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static BrokerException unavailable(String check, String message) {
    return new BrokerException(BrokerException.Kind.UNAVAILABLE, check, message);
  }
}
