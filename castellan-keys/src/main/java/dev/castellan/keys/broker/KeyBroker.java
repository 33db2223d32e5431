package dev.castellan.keys.broker;

import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.VerifierSet;
import dev.castellan.attestation.policy.AppraisalPolicy;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.hpke.Hpke;
import dev.castellan.core.hpke.HpkeException;
import dev.castellan.core.hpke.HpkePublicKey;
import dev.castellan.core.hpke.SealedMessage;
import dev.castellan.core.ipld.Cid;
import dev.castellan.keys.Sealer;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The key broker (docs/broker.md): a KMS you run yourself. Keys are 32 random bytes, sealed
 * with the broker's own {@link Sealer} together with their policy digest, lock flag and
 * generation ({@link KeyState}); every decision is appended to a {@link DecisionLog} before it
 * takes effect for the caller.
 *
 * <p>Administration ({@link KeyPolicy.AdminAction}) is for the key's {@code admins} and never
 * touches the key material. Data operations ({@link #release}, {@link #decrypt}) are granted
 * to evidence only: a fresh single-use {@link #challenge}, evidence binding its nonce and the
 * caller's ephemeral X25519 key, verified and appraised against the key policy; the answer is
 * HPKE-sealed to that key. {@link #lock} is irreversible: after it no administrative action
 * succeeds ({@code broker.locked}), across restarts, edits of the policy file (refused at load)
 * and rollbacks of the sealed state (refused at load against the log).
 *
 * <p>Thread-safe: administrative actions are serialised; data operations run concurrently.
 */
public final class KeyBroker {
  /** Largest plaintext {@link #encrypt} takes: 64 KiB, far above any key or secret it is for. */
  public static final int MAX_PLAINTEXT = 64 * 1024;
  /** An {@link #encrypt} blob: nonce (12) ‖ ciphertext ‖ tag (16). */
  public static final int MAX_CIPHERTEXT = MAX_PLAINTEXT + 12 + 16;

  /** How long a throttling window of refused releases and decrypts lasts ({@link #flushSuppressed}). */
  public static final Duration REFUSAL_WINDOW = RefusalThrottle.WINDOW;

  private static final System.Logger LOG = System.getLogger(KeyBroker.class.getName());

  /**
   * A release or decrypt answer: the HPKE {@code enc} and ciphertext, and the digest of the
   * policy it was appraised under (part of its AAD, {@link BrokerProtocol#answerAad}).
   */
  public record Answer(byte[] enc, byte[] ciphertext, byte[] policyDigest) {
    public Answer {
      enc = enc.clone();
      ciphertext = ciphertext.clone();
      policyDigest = policyDigest.clone();
    }

    @Override
    public byte[] enc() {
      return enc.clone();
    }

    @Override
    public byte[] ciphertext() {
      return ciphertext.clone();
    }

    @Override
    public byte[] policyDigest() {
      return policyDigest.clone();
    }
  }

  /** A key as the broker holds it: loaded, or refused at load with the reason. */
  private sealed interface Entry permits Ready, Unavailable {}

  private record Ready(KeyState state, KeyPolicy policy) implements Entry {}

  private record Unavailable(BrokerException reason) implements Entry {}

  private final BrokerKeys keys;
  private final DecisionLog log;
  private final EvidenceGate gate;
  private final Challenges challenges;
  private final RefusalThrottle throttle = new RefusalThrottle();
  private final Clock clock;
  private final SecureRandom random;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  private KeyBroker(BrokerKeys keys, DecisionLog log, VerifierSet verifiers, Clock clock, SecureRandom random) {
    this.keys = keys;
    this.log = log;
    this.gate = new EvidenceGate(verifiers);
    this.challenges = new Challenges(clock, random);
    this.clock = clock;
    this.random = random;
  }

  /**
   * Opens the keys under {@code directory}, checking each against its policy file and the log;
   * a key that fails is kept as unavailable (every operation on it names the reason) rather
   * than failing the broker.
   */
  public static KeyBroker open(Path directory, Sealer sealer, DecisionLog log, VerifierSet verifiers, Clock clock,
      SecureRandom random) throws IOException {
    KeyBroker broker = new KeyBroker(new BrokerKeys(directory, sealer), log, verifiers, clock, random);
    for (String keyId : broker.keys.keyIds().toList()) {
      broker.loadKey(keyId);
    }
    return broker;
  }

  private void loadKey(String keyId) throws IOException {
    Optional<Decision> latest = log.latestAdministrative(keyId);
    if (!keys.exists(keyId)) {
      if (latest.isPresent() && !latest.get().action().equals(KeyPolicy.AdminAction.DELETE.wireName())) {
        entries.put(keyId, new Unavailable(new BrokerException(BrokerException.Kind.UNAVAILABLE, "broker.state",
            "the log records this key but its sealed state is missing")));
      } else {
        keys.remove(keyId); // a create that stopped before sealing its state
      }
      return;
    }
    try {
      BrokerKeys.Loaded loaded = keys.load(keyId);
      KeyState state = loaded.state();
      if (latest.isPresent()) {
        Decision last = latest.get();
        if (last.action().equals(KeyPolicy.AdminAction.DELETE.wireName()) && state.generation() < last.generation()) {
          keys.remove(keyId); // deleted: the log says so; finish it (also removes a restored old copy)
          LOG.log(System.Logger.Level.WARNING, "key {0} is deleted in the log; removed its files", keyId);
          return;
        }
        if (last.locked() && !state.locked()) {
          throw new BrokerException(BrokerException.Kind.UNAVAILABLE, "broker.rollback",
              "the log records this key as locked but its sealed state is unlocked: a rolled-back copy; refused");
        }
        if (state.generation() < last.generation()) {
          throw new BrokerException(BrokerException.Kind.UNAVAILABLE, "broker.rollback", "the sealed state is generation "
              + state.generation() + " but the log records generation " + last.generation() + ": a rolled-back copy; refused");
        }
      }
      if (latest.isEmpty() || state.generation() > latest.get().generation()) {
        // Sealed but not yet logged (a crash between the two): record it now.
        log.append(administrative("recover", keyId, Optional.empty(), state));
      }
      entries.put(keyId, new Ready(state, loaded.policy()));
    } catch (BrokerException e) {
      LOG.log(System.Logger.Level.WARNING, "key {0} is unavailable: {1} ({2})", keyId, e.getMessage(), e.check());
      entries.put(keyId, new Unavailable(e));
    }
  }

  // ---- administration -------------------------------------------------------------------

  /** Creates {@code keyId} with fresh material; {@code principal} must be one of the new policy's admins. */
  public synchronized KeyView create(String principal, String keyId, byte[] policyJson)
      throws IOException, GeneralSecurityException {
    KeyIds.require(keyId);
    KeyPolicy policy = KeyPolicy.parse(policyJson);
    if (entries.containsKey(keyId) || keys.exists(keyId)) {
      throw refuseAdmin("create", keyId, principal, BrokerException.Kind.CONFLICT, "broker.key-exists",
          "a key with this id exists");
    }
    if (!policy.administeredBy(principal)) {
      throw refuseAdmin("create", keyId, principal, BrokerException.Kind.FORBIDDEN, "broker.admin",
          "the creator must be one of the new key's admins");
    }
    byte[] material = new byte[KeyState.MATERIAL_BYTES];
    random.nextBytes(material);
    KeyState state = new KeyState(keyId, SecretBytes.copyOf(material), policy.digest(), false, 1);
    java.util.Arrays.fill(material, (byte) 0);
    keys.create(state, policy);
    log.append(administrative("create", keyId, Optional.of(principal), state));
    entries.put(keyId, new Ready(state, policy));
    return view(state, policy);
  }

  /** Replaces the key's policy. */
  public synchronized KeyView putPolicy(String principal, String keyId, byte[] policyJson)
      throws IOException, GeneralSecurityException {
    Ready ready = administrable("put-policy", principal, keyId);
    KeyPolicy policy = KeyPolicy.parse(policyJson);
    KeyState next = ready.state().next(policy.digest(), false);
    keys.replace(next, policy);
    log.append(administrative("put-policy", keyId, Optional.of(principal), next));
    entries.put(keyId, new Ready(next, policy));
    return view(next, policy);
  }

  /** Deletes the key and its material for good. */
  public synchronized void delete(String principal, String keyId) throws IOException, GeneralSecurityException {
    Ready ready = administrable("delete", principal, keyId);
    KeyState gone = ready.state().next(ready.state().policyDigest(), false);
    // Logged first: a crash after it leaves files that the next load removes.
    log.append(administrative("delete", keyId, Optional.of(principal), gone));
    entries.remove(keyId);
    keys.remove(keyId);
  }

  /**
   * Locks the key, irreversibly: from now on no principal can change its policy, delete it or
   * lock it again ({@code broker.locked}); release and decrypt go on under the policy as it is.
   */
  public synchronized KeyView lock(String principal, String keyId) throws IOException, GeneralSecurityException {
    Ready ready = administrable("lock", principal, keyId);
    KeyState locked = ready.state().next(ready.state().policyDigest(), true);
    keys.writeState(locked);
    log.append(administrative("lock", keyId, Optional.of(principal), locked));
    entries.put(keyId, new Ready(locked, ready.policy()));
    return view(locked, ready.policy());
  }

  private Ready administrable(String action, String principal, String keyId) throws IOException, BrokerException {
    Ready ready = ready(keyId);
    if (!ready.policy().administeredBy(principal)) {
      throw refuseAdmin(action, keyId, principal, BrokerException.Kind.FORBIDDEN, "broker.admin",
          "this principal is not an admin of the key");
    }
    if (ready.state().locked()) {
      throw refuseAdmin(action, keyId, principal, BrokerException.Kind.CONFLICT, "broker.locked",
          "the key is locked: its policy can never change and it cannot be deleted");
    }
    return ready;
  }

  private BrokerException refuseAdmin(String action, String keyId, String principal, BrokerException.Kind kind,
      String check, String message) throws IOException {
    Entry entry = entries.get(keyId);
    Optional<String> digest = entry instanceof Ready r ? Optional.of(Hex.encode(r.state().policyDigest())) : Optional.empty();
    log.append(new Decision(clock.instant(), keyId, action, Optional.of(principal), Optional.empty(), digest, false,
        Optional.of(check), 0, entry instanceof Ready r && r.state().locked()));
    return new BrokerException(kind, check, message);
  }

  private Decision administrative(String action, String keyId, Optional<String> principal, KeyState state) {
    return new Decision(clock.instant(), keyId, action, principal, Optional.empty(),
        Optional.of(Hex.encode(state.policyDigest())), true, Optional.empty(), state.generation(), state.locked());
  }

  // ---- public description ---------------------------------------------------------------

  /** The key's public description. */
  public KeyView describe(String keyId) throws BrokerException {
    Ready ready = ready(keyId);
    return view(ready.state(), ready.policy());
  }

  /** Every key id, sorted, with those refused at load. */
  public List<String> keyIds() {
    return entries.keySet().stream().sorted().toList();
  }

  private Ready ready(String keyId) throws BrokerException {
    KeyIds.require(keyId);
    Entry entry = entries.get(keyId);
    if (entry == null) {
      throw new BrokerException(BrokerException.Kind.NOT_FOUND, "broker.key-unknown", "no such key");
    }
    if (entry instanceof Unavailable u) {
      throw u.reason();
    }
    return (Ready) entry;
  }

  private static KeyView view(KeyState state, KeyPolicy policy) {
    return new KeyView(state.keyId(), policy.bytes(), state.policyDigest(), state.locked(), state.generation());
  }

  // ---- the release protocol -------------------------------------------------------------

  /** A fresh single-use challenge for {@code keyId}, valid 60 s. */
  public Challenge challenge(String keyId) throws BrokerException {
    ready(keyId);
    return challenges.issue(keyId);
  }

  /** The key material, HPKE-sealed to {@code ephemeralPublicKey}, if the evidence satisfies the release policy. */
  public Answer release(String keyId, String challengeId, byte[] evidence, byte[] ephemeralPublicKey)
      throws IOException, BrokerException {
    return answer("release", keyId, challengeId, evidence, ephemeralPublicKey, null);
  }

  /**
   * The plaintext of {@code ciphertext} (made by {@link #encrypt}), HPKE-sealed to {@code
   * ephemeralPublicKey}, if the evidence satisfies the decrypt policy.
   */
  public Answer decrypt(String keyId, String challengeId, byte[] evidence, byte[] ephemeralPublicKey,
      byte[] ciphertext) throws IOException, BrokerException {
    return answer("decrypt", keyId, challengeId, evidence, ephemeralPublicKey, ciphertext);
  }

  private Answer answer(String action, String keyId, String challengeId, byte[] evidenceBytes,
      byte[] ephemeralPublicKey, byte[] ciphertext) throws IOException, BrokerException {
    Optional<String> evidenceCid = evidenceBytes.length == 0 ? Optional.empty()
        : Optional.of(Cid.of(Cid.RAW, evidenceBytes).toString());
    Optional<String> digest = Optional.empty();
    try {
      Ready ready = ready(keyId);
      digest = Optional.of(Hex.encode(ready.state().policyDigest()));
      Challenge challenge = challenges.take(challengeId, keyId);
      HpkePublicKey recipient = recipient(ephemeralPublicKey);
      boolean release = action.equals("release");
      Optional<AppraisalPolicy> policy = release ? ready.policy().release() : ready.policy().decrypt();
      if (policy.isEmpty()) {
        throw new BrokerException(BrokerException.Kind.REFUSED, "broker." + action + "-not-permitted",
            "the key policy permits " + action + " to no evidence");
      }
      Evidence evidence = EvidenceGate.parse(evidenceBytes);
      gate.check(evidence, BrokerProtocol.binding(challenge.nonce(), ephemeralPublicKey), policy.get(), clock.instant());
      byte[] plaintext = release ? ready.state().material().toByteArray() : KeyCipher.open(ready.state(), ciphertext);
      SealedMessage sealed;
      try {
        sealed = Hpke.seal(BrokerProtocol.SUITE, recipient, release ? BrokerProtocol.RELEASE_INFO : BrokerProtocol.DECRYPT_INFO,
            BrokerProtocol.answerAad(keyId, ready.state().policyDigest()), plaintext);
      } catch (HpkeException e) {
        throw new BrokerException(BrokerException.Kind.BAD_INPUT, "broker.ephemeral-key", "cannot seal to the ephemeral key");
      } finally {
        java.util.Arrays.fill(plaintext, (byte) 0);
      }
      // Durable before the answer leaves: a release that is not in the log never happened.
      log.append(new Decision(clock.instant(), keyId, action, Optional.empty(), evidenceCid, digest, true,
          Optional.empty(), 0, ready.state().locked()));
      return new Answer(sealed.enc(), sealed.ciphertext(), ready.state().policyDigest());
    } catch (BrokerException e) {
      logRefusal(action, keyId.length() > KeyIds.MAX_LENGTH || !KeyIds.valid(keyId) ? "-" : keyId, evidenceCid, digest,
          e.check());
      throw e;
    }
  }

  /** Records a refused release or decrypt, one by one or, in a flood, as a count ({@link RefusalThrottle}). */
  private void logRefusal(String action, String keyId, Optional<String> evidenceCid, Optional<String> digest,
      String check) {
    Instant now = clock.instant();
    RefusalThrottle.Admission admission = throttle.admit(new RefusalThrottle.Kind(keyId, action, check), now);
    if (admission.due() != null) {
      appendSummary(admission.due());
    }
    if (!admission.record()) {
      return;
    }
    try {
      log.append(new Decision(now, keyId, action, Optional.empty(), evidenceCid, digest, false, Optional.of(check), 0,
          false));
    } catch (IOException logFailure) {
      LOG.log(System.Logger.Level.WARNING, "could not log the refusal of a {0} ({1})", action, check);
    }
  }

  /**
   * Records the refusals that were counted but not recorded one by one, for every throttling
   * window that has ended ({@code all}: and for those still open, as at close). The service
   * calls it every {@link #REFUSAL_WINDOW} and when it stops.
   */
  public void flushSuppressed(boolean all) {
    for (RefusalThrottle.Summary summary : throttle.due(clock.instant(), all)) {
      appendSummary(summary);
    }
  }

  private void appendSummary(RefusalThrottle.Summary summary) {
    RefusalThrottle.Kind kind = summary.kind();
    Entry entry = entries.get(kind.keyId());
    Optional<String> digest = entry instanceof Ready r ? Optional.of(Hex.encode(r.state().policyDigest())) : Optional.empty();
    try {
      log.append(new Decision(summary.end(), kind.keyId(), kind.action(), Optional.empty(), Optional.empty(), digest,
          false, Optional.of(kind.check()), 0, false, summary.count()));
    } catch (IOException logFailure) {
      throttle.restore(summary);
      LOG.log(System.Logger.Level.WARNING, "could not log {0} throttled refusals of a {1} ({2}); kept for the next flush",
          summary.count(), kind.action(), kind.check());
    }
  }

  private static HpkePublicKey recipient(byte[] ephemeralPublicKey) throws BrokerException {
    try {
      if (ephemeralPublicKey.length != BrokerProtocol.EPHEMERAL_KEY_BYTES) {
        throw new HpkeException("length");
      }
      return HpkePublicKey.fromBytes(BrokerProtocol.SUITE.kem(), ephemeralPublicKey);
    } catch (HpkeException e) {
      throw new BrokerException(BrokerException.Kind.BAD_INPUT, "broker.ephemeral-key",
          "the ephemeral key must be a 32-byte X25519 public key");
    }
  }

  /** Seals {@code plaintext} to the key: AES-256-GCM under its material, AAD the key id; anyone may. */
  public byte[] encrypt(String keyId, byte[] plaintext) throws BrokerException {
    Ready ready = ready(keyId);
    if (plaintext.length > MAX_PLAINTEXT) {
      throw new BrokerException(BrokerException.Kind.BAD_INPUT, "broker.plaintext", "plaintext exceeds " + MAX_PLAINTEXT + " bytes");
    }
    return KeyCipher.seal(ready.state(), plaintext, random);
  }
}
