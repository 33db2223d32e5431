package dev.castellan.client;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.NitroClaims;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.SafeText;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.Verifier;
import dev.castellan.attestation.binding.KeyBinding;
import dev.castellan.attestation.binding.UserData;
import dev.castellan.attestation.policy.Appraisal;
import dev.castellan.attestation.policy.Verdict;
import dev.castellan.core.bytes.ConstantTime;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.hash.HashAlgorithm;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The verifying client (seed 001's {@code client/main.go}, generalised): proves that the
 * service at a URL is the attested code holding the signing key it claims, and that every
 * response came from it.
 *
 * <ol>
 *   <li>fetch the attestation with a fresh random nonce, verify it (signature, chain to a
 *       trusted root, nonce) and appraise it against the policy, which pins the measurement
 *       (PCR0): an unpinned measurement fails unless the policy accepts it skipped;
 *   <li>fetch {@code /v1/info} and check that PCR16 binds its signing key;
 *   <li>fetch {@code /v1/enclave-info} and check that SHA-256(attestation key) = appKeyHash (or,
 *       when an application behind the attesting proxy registered its own appKeyHash, the
 *       attestationKeyHash that follows it: {@link UserData});
 *   <li>check the {@code X-Attestation-Signature} of every response fetched;
 *   <li>check that the TLS certificate's key hash equals tlsKeyHash.
 * </ol>
 *
 * Never throws for a bad server: every problem is a failed check in the report.
 */
public final class OracleClient {
  private final ClientOptions options;

  private OracleClient(ClientOptions options) {
    this.options = options;
  }

  public static OracleClient create(ClientOptions options) {
    return new OracleClient(options);
  }

  public VerificationReport verify(URI baseUrl) {
    List<Check> checks = new ArrayList<>();
    Session session = new Session(baseUrl.toString(), checks, options.timeout());
    try {
      run(baseUrl, session);
    } catch (StopException e) {
      // The failing check is already recorded; later checks cannot run without it.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      checks.add(Check.fail("client", "interrupted"));
    }
    return new VerificationReport(baseUrl.toString(), checks, session.signingKey, session.simulated, session.tlsKeyHash);
  }

  private void run(URI baseUrl, Session s) throws StopException, InterruptedException {
    OracleHttp http;
    try {
      http = new OracleHttp(baseUrl, options.insecureTls(), options.timeout());
    } catch (GeneralSecurityException e) {
      throw s.fail("client.tls", "cannot set up TLS: " + e.getMessage());
    }
    byte[] nonce = new byte[32];
    options.random().nextBytes(nonce);

    // 1. Attestation with a fresh nonce.
    SignedResponse attestation = s.fetch(http, "/enclave/attestation?nonce=" + Hex.encode(nonce));
    Json.Attestation doc = s.parse("attestation", () -> Json.attestation(attestation.body()));
    s.simulated = doc.simulated();
    AttestationResult result = verifyEvidence(s, doc, nonce);
    s.simulated = result.simulated();
    appraise(s, result);
    NitroClaims claims = nitroClaims(s, result);
    UserData userData = s.parse("binding.user-data", () -> UserData.decode(
        claims.userData().orElseThrow(() -> new IllegalArgumentException("the document carries no user data")).toByteArray()));
    s.pass("binding.user-data", userData.hasApplicationKey() ? "user data holds tlsKeyHash, appKeyHash and attestationKeyHash"
        : "user data holds tlsKeyHash and appKeyHash");

    // 2. The signing key must be the one bound in PCR16.
    SignedResponse info = s.fetch(http, "/v1/info");
    byte[] signingKey = s.parse("info", () -> Hex.decode(Json.field(info.body(), "publicKey")));
    ByteString pcr16 = claims.pcrs().get(KeyBinding.SIGNING_KEY_PCR);
    if (pcr16 == null || !ConstantTime.equals(pcr16.toByteArray(), KeyBinding.expectedPcr16(signingKey))) {
      throw s.fail("binding.signing-key", "PCR16 does not bind the signing key " + Hex.encode(signingKey)
          + " served by /v1/info");
    }
    s.pass("binding.signing-key", "PCR16 = SHA-384(0^48 || SHA-256(" + Hex.encode(signingKey) + "))");
    s.signingKey = Optional.of(Hex.encode(signingKey));

    // 3. The attestation key must be the one whose hash is appKeyHash.
    SignedResponse enclaveInfo = s.fetch(http, "/v1/enclave-info");
    byte[] attestationKey = s.parse("enclave-info", () -> Hex.decode(Json.field(enclaveInfo.body(), "attestationPublicKey")));
    // Behind the attesting proxy an application may hold appKeyHash; the attestation key's hash then follows it.
    String slot = userData.hasApplicationKey() ? "the attested attestationKeyHash (after the application's appKeyHash)"
        : "the attested appKeyHash";
    if (!ConstantTime.equals(HashAlgorithm.SHA_256.hash(attestationKey), userData.attestationKeyHash())) {
      throw s.fail("binding.attestation-key", "SHA-256 of the attestation key " + Hex.encode(attestationKey)
          + " is not " + slot + " " + Hex.encode(userData.attestationKeyHash()));
    }
    s.pass("binding.attestation-key", userData.hasApplicationKey()
        ? "SHA-256(attestation key) = attestationKeyHash; appKeyHash " + Hex.encode(userData.appKeyHash())
            + " is the application's registered key (not checked here)"
        : "SHA-256(attestation key) = appKeyHash");

    // 4. Every response signed by that key.
    ResponseSignatures.check(s, attestationKey, List.of(attestation, info, enclaveInfo), http);

    // 5. The TLS key is the attested one.
    checkTlsKey(s, userData, List.of(attestation, info, enclaveInfo));
  }

  private AttestationResult verifyEvidence(Session s, Json.Attestation doc, byte[] nonce) throws StopException {
    Platform platform =
        switch (doc.platform()) {
          case "nitro" -> Platform.NITRO;
          case "sev-snp" -> Platform.SEV_SNP;
          case "tdx" -> Platform.TDX;
          case "tpm" -> Platform.TPM;
          default -> throw s.fail("attestation.platform", "unknown platform in the attestation response");
        };
    Verifier verifier = options.verifiers().stream().filter(v -> v.platform() == platform).findFirst()
        .orElseThrow(() -> s.fail("attestation.platform", "no verifier configured for " + platform));
    try {
      byte[] bytes = Base64.getDecoder().decode(doc.document());
      return verifier.verify(Evidence.of(platform, bytes),
          VerificationRequest.at(options.clock().instant(), Freshness.nonce(nonce)));
    } catch (IllegalArgumentException e) {
      throw s.fail("attestation.document", "the document is not valid base64");
    } catch (AttestationException e) {
      throw s.fail("attestation.evidence", e.getMessage());
    }
  }

  private static NitroClaims nitroClaims(Session s, AttestationResult result) throws StopException {
    if (result.claims() instanceof NitroClaims nitro) {
      return nitro;
    }
    throw s.fail("binding.platform", "key bindings are checked for Nitro-format evidence; got " + result.platform());
  }

  /**
   * The one appraisal: the verdict lists the verifier's checks and the policy's (the
   * measurement pin among them), each once. Stops unless it is accepted.
   */
  private void appraise(Session s, AttestationResult result) throws StopException {
    Verdict verdict = Appraisal.appraise(options.policy(), result);
    s.checks.addAll(verdict.checks());
    if (!verdict.accepted()) {
      throw new StopException();
    }
  }

  private static void checkTlsKey(Session s, UserData userData, List<SignedResponse> responses) throws StopException {
    boolean sawTls = false;
    for (SignedResponse response : responses) {
      if (response.serverCertificate().isEmpty()) {
        continue;
      }
      sawTls = true;
      byte[] keyHash = HashAlgorithm.SHA_256.hash(response.serverCertificate().get().getPublicKey().getEncoded());
      if (!ConstantTime.equals(keyHash, userData.tlsKeyHash())) {
        throw s.fail("binding.tls-key", "the TLS key presented for " + response.path()
            + " is not the attested one (tlsKeyHash " + Hex.encode(userData.tlsKeyHash()) + ")");
      }
    }
    if (sawTls) {
      s.pass("binding.tls-key", "the TLS certificate's key hash equals tlsKeyHash");
      s.tlsKeyHash = Optional.of(Hex.encode(userData.tlsKeyHash()));
    } else {
      s.pass("binding.tls-key", "plain HTTP: no TLS key to check (responses are still signed)");
    }
  }

  /** Collects checks; {@link #fail} records a failure and returns the exception that stops the run. */
  static final class Session {
    final String url;
    final List<Check> checks;
    Optional<String> signingKey = Optional.empty();
    Optional<String> tlsKeyHash = Optional.empty();
    boolean simulated;

    final java.time.Duration timeout;
    final Hints hints;

    /**
     * What to suggest when a fetch fails.
     *
     * @param notRunning when nothing listens at the URL
     * @param selfSigned when the TLS certificate is not trusted
     */
    record Hints(String notRunning, String selfSigned) {
      static final Hints ORACLE = new Hints("is the oracle running? (./castellan up)",
          "an enclave's self-signed certificate needs --insecure-tls, after which its key is checked against the"
              + " attestation instead");
    }

    Session(String url, List<Check> checks, java.time.Duration timeout) {
      this(url, checks, timeout, Hints.ORACLE);
    }

    Session(String url, List<Check> checks, java.time.Duration timeout, Hints hints) {
      this.url = url;
      this.checks = checks;
      this.timeout = timeout;
      this.hints = hints;
    }

    void pass(String name, String reason) {
      checks.add(Check.pass(name, reason));
    }

    StopException fail(String name, String reason) {
      checks.add(Check.fail(name, reason));
      return new StopException();
    }

    SignedResponse fetch(OracleHttp http, String path) throws StopException, InterruptedException {
      String name = "http." + path.replaceAll("\\?.*", "").replaceAll("^/", "");
      try {
        SignedResponse response = http.get(path);
        if (response.status() != 200) {
          throw fail(name, "HTTP " + response.status() + " from " + path.replaceAll("\\?.*", ""));
        }
        return response;
      } catch (IOException e) {
        String reason = plainHttp(e) || (timedOut(e) && PlainHttpProbe.answersPlainHttp(URI.create(url), timeout))
            ? stripSlash(url) + " answered plain HTTP, expected TLS (use http:// if the oracle runs with --plain-http)"
            : describe(url, e, hints);
        throw fail(name, "cannot fetch " + path.replaceAll("\\?.*", "") + ": " + reason);
      }
    }

    <T> T parse(String name, ThrowingSupplier<T> parser) throws StopException {
      try {
        return parser.get();
      } catch (Exception e) {
        throw fail(name, e.getMessage() == null ? "malformed response" : e.getMessage());
      }
    }

    /** What went wrong, naming the URL and what was expected of it. */
    static String describe(String url, IOException e, Hints hints) {
      String base = stripSlash(url);
      String message = e.getMessage() == null ? "" : e.getMessage();
      if (e instanceof java.net.ConnectException || e.getCause() instanceof java.net.ConnectException) {
        return "connection refused: nothing is listening at " + base + "; " + hints.notRunning();
      }
      if (e instanceof java.net.http.HttpConnectTimeoutException) {
        return base + " did not accept a connection in time; is the host reachable and the port right?";
      }
      if (e instanceof java.net.http.HttpTimeoutException) {
        return base + " did not answer in time (expected an oracle's JSON response)";
      }
      if (e instanceof javax.net.ssl.SSLHandshakeException) {
        return "TLS handshake with " + base + " failed (" + message + "); " + hints.selfSigned();
      }
      if (base.startsWith("http://") && message.contains("status line")) {
        return base + " did not answer in HTTP (a TLS server answers so); is it an https:// endpoint?";
      }
      if (base.startsWith("http://") && (message.contains("header parser received no bytes")
          || message.contains("closed") || message.contains("EOF"))) {
        return base + " closed the connection without an HTTP answer; is it an https:// endpoint?";
      }
      // The JDK's message may quote bytes the server sent: escaped, and only the start of it.
      return base + ": " + (message.isEmpty() ? e.getClass().getSimpleName() : SafeText.escape(message));
    }

    private static boolean plainHttp(IOException e) {
      String message = e.getMessage() == null ? "" : e.getMessage();
      return e instanceof javax.net.ssl.SSLException
          && (message.contains("Unsupported or unrecognized SSL message") || message.contains("plaintext"));
    }

    private static boolean timedOut(IOException e) {
      return e instanceof java.net.http.HttpTimeoutException;
    }

    private static String stripSlash(String url) {
      return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
  }

  @FunctionalInterface
  interface ThrowingSupplier<T> {
    T get() throws Exception;
  }

  /** Stops the run after a failed check has been recorded. */
  static final class StopException extends Exception {
    private static final long serialVersionUID = 1L;

    StopException() {
      super(null, null, false, false);
    }
  }
}
