package dev.castellan.client;

import dev.castellan.attestation.SafeText;
import dev.castellan.core.tls.PinnedServerKey;
import dev.castellan.tokens.KeySet;
import dev.castellan.tokens.RevocationList;
import dev.castellan.tokens.TokenVerifier;
import dev.castellan.tokens.TrustDocumentException.Problem;
import dev.castellan.tokens.TrustDocumentException;
import dev.castellan.tokens.VerifierOptions;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Keeps a relying party's {@link TokenVerifier} current with an oracle's revocation lists, by
 * the long poll of {@code GET /v1/tokens/revocations?after=V&wait=S} (docs/http-api.md, "Token
 * authority documents"; docs/tokens.md, "Revocation lists"): each list newer than the last is
 * handed to {@link TokenVerifier#updateRevocationList}, usually within a second or two of
 * {@code castellan tokens revoke}, and at least every 15 s while the oracle runs.
 *
 * <p>Security: a list is installed only if it verifies against the verifier's own, pinned,
 * key set (the verifier checks again, and refuses a version that is not newer, so the list
 * never goes backwards whatever the network does). When a list is signed by a key the set does
 * not know (the authority rotated), the oracle's {@code /v1/tokens/keyset} is taken only as a
 * {@link TokenVerifier#updateKeySet signed update} of the pinned set. The HTTP response
 * signatures are not checked: they would bind the documents to the per-boot attestation key,
 * but the documents carry the authority's own signatures, which is what the verifier trusts.
 * Over {@code https} the TLS key is pinned in the handshake ({@link OracleEndpoint#pinned}).
 * If the oracle cannot be reached the verifier is not touched, so it fails closed once its
 * list is older than {@link VerifierOptions#revocationListMaxAge()} (10 min by default).
 *
 * <p>One virtual thread polls until {@link #close()}; failures pause with {@link Backoff}.
 * Thread-safe.
 */
public final class RevocationSubscriber implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(RevocationSubscriber.class.getName());

  private final OracleEndpoint endpoint;
  private final TokenVerifier verifier;
  private final SubscriberOptions options;
  private final TokenDocumentsHttp http;
  private final Thread thread;
  private volatile boolean stopped;
  private volatile long version;
  private volatile Optional<String> lastError = Optional.empty();

  private RevocationSubscriber(OracleEndpoint endpoint, TokenVerifier verifier, SubscriberOptions options)
      throws GeneralSecurityException {
    this.endpoint = endpoint;
    this.verifier = verifier;
    this.options = options;
    this.http = new TokenDocumentsHttp(endpoint, options.grace());
    this.thread = Thread.ofVirtual().name("castellan-revocation-subscriber").unstarted(this::run);
  }

  /**
   * Starts polling {@code endpoint} for {@code verifier}, whose key set (pinned by the caller,
   * {@code KeySetDocument.verifyTrustAnchor}) authenticates every list.
   *
   * @throws GeneralSecurityException if the TLS context cannot be made
   */
  public static RevocationSubscriber start(OracleEndpoint endpoint, TokenVerifier verifier, SubscriberOptions options)
      throws GeneralSecurityException {
    RevocationSubscriber subscriber = new RevocationSubscriber(Objects.requireNonNull(endpoint, "endpoint"),
        Objects.requireNonNull(verifier, "verifier"), Objects.requireNonNull(options, "options"));
    subscriber.thread.start();
    return subscriber;
  }

  /** The version of the newest list this subscriber has seen verified; 0 before the first. */
  public long version() {
    return version;
  }

  /** Why the last attempt failed, while it is the latest outcome; empty once one succeeds. */
  public Optional<String> lastError() {
    return lastError;
  }

  public boolean isRunning() {
    return thread.isAlive();
  }

  private void run() {
    int failures = 0;
    while (!stopped) {
      try {
        pollOnce();
        if (failures > 0) {
          LOG.log(System.Logger.Level.INFO, "revocation lists from {0} again (version {1})", endpoint,
              Long.toString(version));
        }
        failures = 0;
        lastError = Optional.empty();
      } catch (IOException | TrustDocumentException | TokenDocumentsHttp.Refused e) {
        if (stopped) {
          break;
        }
        failures++;
        String reason = describe(e);
        lastError = Optional.of(reason);
        if (failures == 1) {
          LOG.log(System.Logger.Level.WARNING, "revocation lists from {0}: {1}; retrying", endpoint, reason);
        }
        long retryAfter = e instanceof TokenDocumentsHttp.Refused refused ? refused.retryAfterSeconds() : 0;
        try {
          Thread.sleep(Backoff.pause(failures, options.minBackoff(), options.maxBackoff(), retryAfter,
              ThreadLocalRandom.current().nextDouble()));
        } catch (InterruptedException interrupted) {
          break;
        }
      } catch (InterruptedException e) {
        break;
      }
    }
  }

  /** One long poll; a list newer than the last one seen goes to the verifier. */
  private void pollOnce() throws IOException, InterruptedException, TrustDocumentException, TokenDocumentsHttp.Refused {
    long have = version;
    byte[] document = http.revocations(have, options.pollWait());
    RevocationList list = verified(document);
    if (list.version() <= have) {
      return; // the wait ended with nothing newer
    }
    try {
      verifier.updateRevocationList(document, options.clock().instant());
    } catch (TrustDocumentException e) {
      if (e.problem() != Problem.VERSION_NOT_NEWER) {
        throw e;
      }
      // Something else gave this verifier a list at least as new: it keeps that one.
    }
    version = list.version();
  }

  /** The list verified against the verifier's key set, following one signed key set update if its signer is new. */
  private RevocationList verified(byte[] document)
      throws IOException, InterruptedException, TrustDocumentException, TokenDocumentsHttp.Refused {
    try {
      return verify(document);
    } catch (TrustDocumentException e) {
      if (e.problem() != Problem.SIGNER_NOT_VALID || !followKeySet()) {
        throw e;
      }
      return verify(document);
    }
  }

  private RevocationList verify(byte[] document) throws TrustDocumentException {
    VerifierOptions o = verifier.options();
    return RevocationList.verify(document, verifier.keySet(), options.clock().instant(), o.clockSkew(),
        o.previousKeyOverlap());
  }

  /** Takes the oracle's key set as a signed update of the trusted one; false if it is not newer. */
  private boolean followKeySet() throws IOException, InterruptedException, TrustDocumentException, TokenDocumentsHttp.Refused {
    try {
      KeySet next = verifier.updateKeySet(http.keySet());
      LOG.log(System.Logger.Level.INFO, "the token authority at {0} rotated: key set version {1}, active key {2}",
          endpoint, Long.toString(next.version()), next.activeKeyId());
      return true;
    } catch (TrustDocumentException e) {
      if (e.problem() == Problem.VERSION_NOT_NEWER) {
        return false;
      }
      throw e;
    }
  }

  /** What went wrong, without a stack trace; text that came from the network is escaped. */
  private String describe(Exception e) {
    if (e instanceof TrustDocumentException || e instanceof TokenDocumentsHttp.Refused) {
      return e.getMessage();
    }
    String base = "cannot reach " + endpoint.baseUrl() + ": ";
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof PinnedServerKey.Mismatch mismatch) {
        return base + mismatch.getMessage(); // our own words: two hashes, nothing the server chose
      }
    }
    String message = e.getMessage();
    return base + (message == null || message.isEmpty() ? e.getClass().getSimpleName() : SafeText.escape(message));
  }

  /** Stops polling (a request in flight is aborted) and waits up to 5 s for the thread to end. */
  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
    http.close();
    try {
      thread.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
