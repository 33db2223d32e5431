package dev.castellan.client;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.CollateralKey;
import dev.castellan.attestation.CollateralSource;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.Verifier;
import dev.castellan.attestation.composition.ReportData;
import dev.castellan.attestation.composition.ServiceLeaf;
import dev.castellan.attestation.gpu.GpuEvidence;
import dev.castellan.attestation.policy.Appraisal;
import dev.castellan.attestation.policy.AppraisalPolicy;
import dev.castellan.attestation.policy.Verdict;
import dev.castellan.core.bytes.ConstantTime;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.signature.EcdsaSignatureEncoding;
import dev.castellan.core.signature.Secp256k1EcdsaVerifier;
import dev.castellan.core.signature.Secp256k1PublicKey;
import dev.castellan.core.smt.SmtProof;
import dev.castellan.core.smt.SmtProofException;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The VM verifier (seed 002 §5, docs/agent.md, "verify-vm"): proves that the VM behind an
 * attestation agent runs the expected launch measurement and image, that a service is in its
 * attested service tree with the expected key, that its GPU is the attested one, and that the
 * service answers signed by that key.
 *
 * <ol>
 *   <li>{@code GET /attestation?nonce=N} with a fresh random N; the agent must answer for N
 *       ({@code vm.nonce});
 *   <li>REPORT_DATA is recomputed from N and the components returned beside the evidence
 *       ({@code vm.report-data}), and the evidence (SEV-SNP or TDX, detected from its bytes)
 *       is verified with exactly that REPORT_DATA expected, then appraised by the policy (the
 *       launch measurement pin);
 *   <li>the image hash is the expected one ({@code vm.image});
 *   <li>the GPU: its digest is the component ({@code vm.gpu.digest}), its report verifies with
 *       N as nonce and is appraised by the GPU policy;
 *   <li>the service: its proof from {@code /smt/proof} verifies against the attested root
 *       ({@code vm.smt}), its leaf holds the pinned key ({@code vm.service.key}), and a fresh
 *       {@code /echo} answer is signed by that key over the caller's own nonce ({@code
 *       vm.service.response}).
 * </ol>
 *
 * Never throws for a bad VM: every problem is a failed check, and the run stops there.
 */
public final class VmClient {
  private static final JsonMapper STRICT = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  /** Most collateral items accepted from an agent. */
  static final int MAX_COLLATERAL_ITEMS = 16;

  private static final OracleClient.Session.Hints HINTS = new OracleClient.Session.Hints(
      "is it running? (castellan agent for the agent, castellan payload for the example service)",
      "the agent's and the payload service's self-signed certificates need --insecure-tls; what they return is"
          + " verified by itself (evidence, proofs, signed responses), not by TLS");

  private final VmOptions options;

  private VmClient(VmOptions options) {
    this.options = options;
  }

  public static VmClient create(VmOptions options) {
    return new VmClient(options);
  }

  public VmReport verify(URI agentUrl) {
    List<Check> checks = new ArrayList<>();
    ClientOptions client = options.client();
    OracleClient.Session session = new OracleClient.Session(agentUrl.toString(), checks, client.timeout(), HINTS);
    Run run = new Run(session);
    try {
      run.run(agentUrl);
    } catch (OracleClient.StopException e) {
      // The failing check is recorded; the later ones depend on it.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      checks.add(Check.fail("client", "interrupted"));
    }
    return new VmReport(agentUrl.toString(), checks, run.platform, run.simulated);
  }

  private final class Run {
    private final OracleClient.Session s;
    Optional<String> platform = Optional.empty();
    boolean simulated;

    Run(OracleClient.Session session) {
      this.s = session;
    }

    void run(URI agentUrl) throws OracleClient.StopException, InterruptedException {
      ClientOptions client = options.client();
      OracleHttp http = http(agentUrl);
      byte[] nonce = new byte[ReportData.PART_BYTES];
      client.random().nextBytes(nonce);

      // 1. Evidence for our nonce, and the components it commits to.
      SignedResponse response = s.fetch(http, "/attestation?nonce=" + Hex.encode(nonce));
      JsonNode doc = s.parse("vm.response", () -> read(response.body()));
      byte[] echoed = s.parse("vm.response", () -> hex(doc, "nonce", 32));
      if (!ConstantTime.equals(echoed, nonce)) {
        throw s.fail("vm.nonce", "the agent answered for nonce " + Hex.encode(echoed) + ", not this run's "
            + Hex.encode(nonce) + " (a stale or replayed answer)");
      }
      s.pass("vm.nonce", "the agent answered for this run's nonce");
      ReportData.Components components = s.parse("vm.components", () -> components(doc));
      byte[] evidenceBytes = s.parse("vm.response", () -> base64(doc, "evidence"));
      Evidence evidence = s.parse("attestation.platform", () -> Evidence.detect(evidenceBytes));
      if (evidence.platform() != Platform.SEV_SNP && evidence.platform() != Platform.TDX) {
        throw s.fail("attestation.platform", "the agent returned " + evidence.platform() + " evidence; a VM attests"
            + " with SEV-SNP or TDX");
      }
      platform = Optional.of(evidence.platform() == Platform.SEV_SNP ? "sev-snp" : "tdx");
      byte[] expectedReportData = components.reportData(nonce);
      // 2. The evidence, with exactly that REPORT_DATA, then the appraisal.
      CollateralSource collateral = CollateralSource.firstOf(options.collateral(),
          s.parse("vm.collateral", () -> collateral(doc)));
      AttestationResult result = verify(evidence, Freshness.reportData(expectedReportData), collateral);
      simulated = result.simulated();
      s.pass("vm.report-data", "REPORT_DATA = SHA-512(\"" + ReportData.LABEL + "\" || this run's nonce || image hash || SMT"
          + " root || GPU digest" + (components.gpuDigest().isEmpty() ? " (zero: no GPU)" : "") + ")");
      appraise(client.policy(), result);

      // 3. The image.
      if (!ConstantTime.equals(components.imageHash(), options.expectedImage().digest())) {
        throw s.fail("vm.image", "the VM runs image " + Hex.encode(components.imageHash()) + ", not the expected "
            + options.expectedImage().hex());
      }
      s.pass("vm.image", "image hash " + options.expectedImage().sri());

      // 4. The GPU.
      checkGpu(doc, components, nonce);

      // 5. The service.
      if (options.service().isEmpty()) {
        s.checks.add(Check.skip("vm.service", "no --service given: no service's leaf or response checked"));
        return;
      }
      checkService(http, components, options.service().get());
    }

    private OracleHttp http(URI base) throws OracleClient.StopException {
      try {
        return new OracleHttp(base, options.client().insecureTls(), options.client().timeout());
      } catch (GeneralSecurityException e) {
        throw s.fail("client.tls", "cannot set up TLS: " + e.getMessage());
      }
    }

    private AttestationResult verify(Evidence evidence, Freshness freshness, CollateralSource collateral)
        throws OracleClient.StopException {
      Verifier verifier = options.client().verifiers().stream().filter(v -> v.platform() == evidence.platform())
          .findFirst().orElseThrow(() -> s.fail("attestation.platform", "no verifier configured for "
              + evidence.platform()));
      try {
        return verifier.verify(evidence,
            VerificationRequest.at(options.client().clock().instant(), freshness).withCollateral(collateral));
      } catch (AttestationException e) {
        throw s.fail(e.check(), reason(e));
      }
    }

    private void appraise(AppraisalPolicy policy, AttestationResult result) throws OracleClient.StopException {
      Verdict verdict = Appraisal.appraise(policy, result);
      s.checks.addAll(verdict.checks());
      if (!verdict.accepted()) {
        throw new OracleClient.StopException();
      }
    }

    private void checkGpu(JsonNode doc, ReportData.Components components, byte[] nonce)
        throws OracleClient.StopException {
      JsonNode gpu = doc.get("gpu");
      if (components.gpuDigest().isEmpty()) {
        if (gpu != null && !gpu.isNull()) {
          throw s.fail("vm.gpu", "the agent returned GPU evidence, but REPORT_DATA commits to no GPU");
        }
        if (options.requireGpu()) {
          throw s.fail("vm.gpu", "the VM has no attested GPU, but a GPU policy was given");
        }
        s.checks.add(Check.skip("vm.gpu", "the VM attests no GPU (GPU digest zero)"));
        return;
      }
      GpuEvidence evidence = s.parse("vm.gpu", () -> gpuEvidence(gpu));
      byte[] digest = evidence.digest().toByteArray();
      if (!ConstantTime.equals(digest, components.gpuDigest().get())) {
        throw s.fail("vm.gpu.digest", "SHA-256(GPU report || chain) is " + Hex.encode(digest)
            + ", not the attested GPU digest " + Hex.encode(components.gpuDigest().get()));
      }
      s.pass("vm.gpu.digest", "SHA-256(GPU report || chain) is the attested GPU digest");
      AttestationResult result;
      try {
        result = options.gpuVerifier().verify(Evidence.of(Platform.GPU, evidence.report()),
            VerificationRequest.at(options.client().clock().instant(), Freshness.nonce(nonce))
                .withCollateral(chainCollateral(evidence)));
      } catch (AttestationException e) {
        throw s.fail(e.check(), reason(e));
      }
      appraise(options.gpuPolicy(), result);
    }

    private void checkService(OracleHttp http, ReportData.Components components,
        VmOptions.ExpectedService expected) throws OracleClient.StopException, InterruptedException {
      String name = expected.name();
      SignedResponse response = s.fetch(http, "/smt/proof?service=" + name);
      JsonNode doc = s.parse("vm.smt", () -> read(response.body()));
      SmtProof proof = s.parse("vm.smt", () -> {
        try {
          return SmtProof.decode(hex(doc, "proof", -1));
        } catch (SmtProofException e) {
          throw new IllegalArgumentException("the proof is malformed: " + e.getMessage());
        }
      });
      byte[] key = ServiceLeaf.key(name);
      byte[] root = components.smtRoot();
      boolean member = s.parse("vm.smt", () -> bool(doc, "member"));
      if (!member) {
        throw s.fail("vm.smt", "service " + name + " is not in the attested service tree"
            + (proof.verifiesNonMembership(root, key) ? " (its non-membership proof verifies)"
                : " (and the agent's proof does not verify either)"));
      }
      byte[] imageHash = s.parse("vm.smt", () -> hex(doc, "imageHash", 32));
      byte[] publicKey = s.parse("vm.smt", () -> hex(doc, "publicKey", -1));
      byte[] value = ServiceLeaf.value(imageHash, publicKey);
      if (!proof.verifiesMembership(root, key, value)) {
        throw s.fail("vm.smt", "the proof for service " + name + " (image " + Hex.encode(imageHash) + ", key "
            + Hex.encode(publicKey) + ") does not verify against the attested root " + Hex.encode(root));
      }
      s.pass("vm.smt", "service " + name + " is in the attested tree: image " + Hex.encode(imageHash)
          + ", " + proof.siblingCount() + " siblings");
      if (!ConstantTime.equals(publicKey, expected.publicKey())) {
        throw s.fail("vm.service.key", "service " + name + "'s leaf holds key " + Hex.encode(publicKey)
            + ", not the expected " + Hex.encode(expected.publicKey()));
      }
      s.pass("vm.service.key", "the leaf holds the expected key " + Hex.encode(publicKey));
      URI serviceUrl = expected.url().isPresent() ? expected.url().get() : serviceUrl(http, name);
      checkResponse(serviceUrl, name, publicKey);
    }

    private URI serviceUrl(OracleHttp http, String name) throws OracleClient.StopException, InterruptedException {
      SignedResponse response = s.fetch(http, "/services");
      return s.parse("vm.service.url", () -> {
        JsonNode doc = read(response.body());
        JsonNode list = doc.get("services");
        if (list == null || !list.isArray()) {
          throw new IllegalArgumentException("/services lacks the array 'services'");
        }
        for (JsonNode entry : list) {
          if (name.equals(entry.path("name").asString(null))) {
            JsonNode url = entry.get("url");
            if (url == null || !url.isString()) {
              throw new IllegalArgumentException("the agent publishes no URL for service " + name
                  + "; give it with --service-url URL");
            }
            URI uri = URI.create(url.asString());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
              throw new IllegalArgumentException("the agent's URL for service " + name + " is not http(s)");
            }
            return uri;
          }
        }
        throw new IllegalArgumentException("/services does not list service " + name);
      });
    }

    private void checkResponse(URI serviceUrl, String name, byte[] publicKey)
        throws OracleClient.StopException, InterruptedException {
      OracleHttp http = http(serviceUrl);
      byte[] nonce = new byte[32];
      options.client().random().nextBytes(nonce);
      SignedResponse response = s.fetch(http, "/echo?nonce=" + Hex.encode(nonce) + "&message=verify-vm");
      byte[] signature = s.parse("vm.service.response", () -> Hex.decode(http.singleHeader(response, "X-Service-Signature")
          .orElseThrow(() -> new IllegalArgumentException("the answer of " + name
              + " carries no single X-Service-Signature"))));
      try {
        Secp256k1EcdsaVerifier.create(Secp256k1PublicKey.fromSec1(publicKey), EcdsaSignatureEncoding.DER)
            .verify(signature, response.body());
      } catch (GeneralSecurityException e) {
        throw s.fail("vm.service.response", "the answer of " + name + " at " + serviceUrl
            + " is not signed by the key in its leaf " + Hex.encode(publicKey));
      }
      JsonNode body = s.parse("vm.service.response", () -> read(response.body()));
      byte[] echoed = s.parse("vm.service.response", () -> hex(body, "nonce", 32));
      if (!ConstantTime.equals(echoed, nonce)) {
        throw s.fail("vm.service.response", "the signed answer of " + name + " is for another nonce (replayed)");
      }
      s.pass("vm.service.response", "a fresh answer of " + name + " is signed by the key in its leaf");
    }
  }

  /** The exception's message without the {@code check: } prefix its check name already gives. */
  private static String reason(AttestationException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    return message.startsWith(e.check() + ": ") ? message.substring(e.check().length() + 2) : message;
  }

  private static JsonNode read(byte[] body) {
    try {
      JsonNode root = STRICT.readTree(body);
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException("the response is not a JSON object");
      }
      return root;
    } catch (JacksonException e) {
      throw new IllegalArgumentException("the response is not valid JSON"
          + (e.getMessage() != null && e.getMessage().startsWith("Duplicate") ? " (a key is given twice)" : ""));
    }
  }

  private static ReportData.Components components(JsonNode doc) {
    JsonNode parts = doc.get("components");
    if (parts == null || !parts.isObject()) {
      throw new IllegalArgumentException("the response lacks the object 'components'");
    }
    JsonNode gpu = parts.get("gpuDigest");
    Optional<byte[]> gpuDigest = gpu == null || gpu.isNull() ? Optional.empty() : Optional.of(hex(parts, "gpuDigest", 32));
    return new ReportData.Components(hex(parts, "imageHash", 32), hex(parts, "smtRoot", 32), gpuDigest);
  }

  private static CollateralSource collateral(JsonNode doc) {
    JsonNode list = doc.get("collateral");
    if (list == null || list.isNull()) {
      return CollateralSource.none();
    }
    if (!list.isArray() || list.size() > MAX_COLLATERAL_ITEMS) {
      throw new IllegalArgumentException("'collateral' must be an array of at most " + MAX_COLLATERAL_ITEMS + " items");
    }
    Map<CollateralKey, byte[]> entries = new HashMap<>();
    for (JsonNode item : list) {
      if (!item.isObject()) {
        throw new IllegalArgumentException("a collateral item is not an object");
      }
      Platform platform;
      try {
        platform = Platform.valueOf(text(item, "platform"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("a collateral item names an unknown platform");
      }
      CollateralKey key = new CollateralKey(platform, text(item, "kind"), text(item, "id"));
      byte[] value = base64(item, "value");
      if (value.length > CollateralSource.MAX_BYTES) {
        throw new IllegalArgumentException("a collateral item is larger than " + CollateralSource.MAX_BYTES + " bytes");
      }
      entries.put(key, value);
    }
    return CollateralSource.of(entries);
  }

  private static GpuEvidence gpuEvidence(JsonNode gpu) throws MalformedEvidenceException {
    if (gpu == null || !gpu.isObject()) {
      throw new IllegalArgumentException("REPORT_DATA commits to a GPU, but the response carries no 'gpu' object");
    }
    byte[] report = base64(gpu, "report");
    JsonNode chain = gpu.get("chain");
    if (chain == null || !chain.isArray() || chain.isEmpty() || chain.size() > 8) {
      throw new IllegalArgumentException("'gpu.chain' must be an array of 1..8 base64 DER certificates");
    }
    List<X509Certificate> certificates = new ArrayList<>();
    for (JsonNode item : chain) {
      if (!item.isString()) {
        throw new IllegalArgumentException("'gpu.chain' must be an array of base64 DER certificates");
      }
      try {
        certificates.add((X509Certificate) CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(item.asString()))));
      } catch (CertificateException | IllegalArgumentException e) {
        throw new IllegalArgumentException("'gpu.chain' holds an item that is not a DER certificate");
      }
    }
    return GpuEvidence.of(report, certificates);
  }

  /** The chain as the GPU verifier's collateral (PEM, leaf first). */
  private static CollateralSource chainCollateral(GpuEvidence evidence) {
    StringBuilder pem = new StringBuilder();
    for (X509Certificate certificate : evidence.chain()) {
      try {
        pem.append("-----BEGIN CERTIFICATE-----\n")
            .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded()))
            .append("\n-----END CERTIFICATE-----\n");
      } catch (java.security.cert.CertificateEncodingException e) {
        throw new IllegalStateException("a parsed certificate cannot be re-encoded", e);
      }
    }
    return CollateralSource.of(Map.of(dev.castellan.attestation.gpu.GpuVerifier.CHAIN,
        pem.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
  }

  private static String text(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || !value.isString()) {
      throw new IllegalArgumentException("the response lacks the string field '" + name + "'");
    }
    return value.asString();
  }

  private static boolean bool(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || !value.isBoolean()) {
      throw new IllegalArgumentException("the response lacks the boolean field '" + name + "'");
    }
    return value.asBoolean();
  }

  /** The hex field {@code name}, of exactly {@code length} bytes ({@code -1}: any length up to 16 KiB). */
  private static byte[] hex(JsonNode node, String name, int length) {
    String text = text(node, name);
    if (text.length() > 16 * 1024) {
      throw new IllegalArgumentException("the field '" + name + "' is too long");
    }
    byte[] value;
    try {
      value = Hex.decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the field '" + name + "' is not hex");
    }
    if (length >= 0 && value.length != length) {
      throw new IllegalArgumentException("the field '" + name + "' must be " + length + " bytes, got " + value.length);
    }
    return value;
  }

  private static byte[] base64(JsonNode node, String name) {
    String text = text(node, name);
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the field '" + name + "' is not base64");
    }
  }
}
