package dev.castellan.authority.totp;

import dev.castellan.core.bytes.ConstantTime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Validates operator TOTP codes as seed 004's cryptod does: rate limits first, then the code
 * against every step of the acceptance window, then the replay guard.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>A locked operator or device gets {@link TotpResult#RATE_LIMITED} with the time to
 *       retry, and the code is not checked against the secret at all.
 *   <li>Every step of the window is computed and compared in constant time; there is no early
 *       exit, so the time taken does not say which step matched or whether any did. An unknown
 *       operator is checked against a random secret drawn at construction, so it takes the same
 *       time and gives the same {@link TotpResult#FAIL} as a wrong code.
 *   <li>After {@code ok} at step {@code s}, any code for a step {@code <= s} is {@link
 *       TotpResult#REPLAY}; a replay counts as a failure for the backoff.
 *   <li>Each failure (wrong, malformed, unknown operator, replay) counts for the operator and
 *       for the device; a success resets both.
 *   <li>All state is bounded; when a table is full and nothing in it can be forgotten, a new
 *       operator or device is answered {@code rate_limited} (fail closed).
 * </ul>
 * State is in memory unless the validator is {@link #persistent}: then it is written to a file
 * ({@link TotpStateFile}) before each answer and read back at start, so a restart forgets
 * neither lockouts nor the last accepted steps; an in-memory validator forgets both (a code
 * seen in the last window could then be replayed once). Thread-safe: one validation at a time.
 */
public final class TotpValidator {
  private final TotpSecretSource secrets;
  private final TotpOptions options;
  private final Clock clock;
  private final TotpSecret decoy;
  private final BackoffTable operators;
  private final BackoffTable devices;
  private final ReplayGuard replays;
  private Optional<Path> stateFile = Optional.empty();

  /** A validator whose state is in memory only. */
  public TotpValidator(TotpSecretSource secrets, TotpOptions options, Clock clock, SecureRandom random) {
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.options = Objects.requireNonNull(options, "options");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.decoy = TotpSecret.generate(options.parameters().algorithm(), random);
    this.operators = new BackoffTable(options.operatorLimits());
    this.devices = new BackoffTable(options.deviceLimits());
    this.replays = new ReplayGuard(options.maxReplayEntries(), options.parameters().window());
  }

  /**
   * A validator whose state survives restarts: read from {@code stateFile} now (none if it does
   * not exist), written to it atomically before every answer that changed it.
   *
   * @throws IOException if the file exists but cannot be read or is not a valid state file
   */
  public static TotpValidator persistent(TotpSecretSource secrets, TotpOptions options, Clock clock, SecureRandom random,
      Path stateFile) throws IOException {
    TotpValidator validator = new TotpValidator(secrets, options, clock, random);
    TotpStateFile.State saved = TotpStateFile.load(stateFile);
    validator.replays.restore(saved.lastAccepted());
    validator.operators.restore(saved.operators());
    validator.devices.restore(saved.devices());
    validator.stateFile = Optional.of(stateFile);
    return validator;
  }

  /**
   * Validates {@code code} for {@code operatorId} typing on {@code deviceId}, now.
   *
   * @throws IOException or GeneralSecurityException if the operator's stored secret cannot be
   *     read or unsealed; nothing is counted then
   * @throws TotpStateException if a persistent validator cannot write its state; the attempt is
   *     counted in memory (a code accepted is consumed), but must not be answered
   */
  public synchronized TotpVerdict validate(String operatorId, String deviceId, String code)
      throws IOException, GeneralSecurityException {
    TotpVerdict verdict = check(operatorId, deviceId, code);
    if (stateFile.isPresent() && verdict.result() != TotpResult.RATE_LIMITED) {
      try {
        TotpStateFile.save(stateFile.get(), new TotpStateFile.State(replays.snapshot(), operators.snapshot(), devices.snapshot()));
      } catch (IOException e) {
        throw new TotpStateException("the TOTP state could not be saved to " + stateFile.get() + ": " + e.getMessage(), e);
      }
    }
    return verdict;
  }

  private TotpVerdict check(String operatorId, String deviceId, String code) throws IOException, GeneralSecurityException {
    Instant now = clock.instant();
    TotpParameters parameters = options.parameters();
    long step = Totp.timeStep(now, parameters);
    if (!Identifiers.valid(operatorId) || !Identifiers.valid(deviceId)) {
      return TotpVerdict.fail("malformed operator or device id");
    }
    Optional<Instant> locked = later(operators.lockedUntil(operatorId, now), devices.lockedUntil(deviceId, now));
    if (locked.isPresent()) {
      return TotpVerdict.rateLimited(locked.get(), "too many failed attempts");
    }
    if (!operators.hasRoomFor(operatorId, now) || !devices.hasRoomFor(deviceId, now)
        || !replays.hasRoomFor(operatorId, step)) {
      return TotpVerdict.rateLimited(
          now.plus(options.operatorLimits().initialLockout()), "too many operators or devices tracked; failing closed");
    }
    if (!wellFormed(code, parameters.digits())) {
      return failure(operatorId, deviceId, now, TotpVerdict.fail("code does not match"));
    }
    Optional<TotpSecret> stored = secrets.find(operatorId);
    TotpSecret secret = stored.orElse(decoy);
    Totp.requireAlgorithm(secret, parameters);
    long matched = matchingStep(secret, code.getBytes(StandardCharsets.US_ASCII), step, parameters);
    if (stored.isEmpty() || matched < 0) {
      return failure(operatorId, deviceId, now, TotpVerdict.fail("code does not match"));
    }
    if (replays.isReplay(operatorId, matched)) {
      return failure(operatorId, deviceId, now, TotpVerdict.replay());
    }
    replays.accept(operatorId, matched);
    operators.reset(operatorId);
    devices.reset(deviceId);
    return TotpVerdict.ok();
  }

  /** The highest step of the window whose code equals {@code submitted}, or -1; every step is compared. */
  private static long matchingStep(TotpSecret secret, byte[] submitted, long step, TotpParameters parameters) {
    long matched = -1;
    for (long candidate = step - parameters.window(); candidate <= step + parameters.window(); candidate++) {
      if (candidate < 0) {
        continue; // before the epoch: depends on the clock only, never on the secret
      }
      boolean equal = ConstantTime.equals(secret.code(candidate, parameters.digits()), submitted);
      matched = equal ? candidate : matched;
    }
    return matched;
  }

  private TotpVerdict failure(String operatorId, String deviceId, Instant now, TotpVerdict verdict) {
    operators.recordFailure(operatorId, now);
    devices.recordFailure(deviceId, now);
    return verdict;
  }

  private static boolean wellFormed(String code, int digits) {
    if (code == null || code.length() != digits) {
      return false;
    }
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static Optional<Instant> later(Optional<Instant> a, Optional<Instant> b) {
    if (a.isEmpty()) {
      return b;
    }
    return b.isPresent() && b.get().isAfter(a.get()) ? b : a;
  }
}
