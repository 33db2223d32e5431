package dev.castellan.cli.attest;

import dev.castellan.attestation.CollateralKey;
import dev.castellan.attestation.CollateralSource;
import dev.castellan.attestation.PinnedCertificate;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.TrustAnchors;
import java.io.ByteArrayInputStream;
import dev.castellan.cli.FileException;
import dev.castellan.cli.InputFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A {@link CollateralSource} built from a directory whose files are recognised by their
 * content, never by their names: X.509 certificates (DER or PEM; VCEK, VLEK, AMD ASK/ARK,
 * Intel TCB signing and CA certificates), CRLs (DER or PEM; AMD ARK CRLs, Intel root CA and
 * PCK CRLs) and
 * Intel PCS JSON (TDX and SGX TCB Info, TD QE and QE Identity). Nothing is trusted here: the verifiers check
 * every item's signature, chain and validity.
 *
 * <p>Where several files hold the same kind of item (two QE identities, two CRLs of the same
 * kind), the one valid at the verification time is used, else the most recently issued. An
 * endorsement or TCB signing certificate is supplied with the CA certificates of the
 * directory that issued it (matched by name), so a chain file works as well as a lone leaf.
 * Files that are none of these are listed in {@link #ignored()}.
 */
public final class CollateralDirectory {
  /** At most this many files are read (a collateral directory holds a handful). */
  static final int MAX_FILES = 256;

  /** Subdirectories are searched this deep; symbolic links are not followed. */
  static final int MAX_DEPTH = 3;

  private static final String AMD_HWID = "1.3.6.1.4.1.3704.1.4";
  private static final String AMD_CSPID = "1.3.6.1.4.1.3704.1.5";
  private static final String INTEL_SGX = "1.2.840.113741.1.13.1";
  private static final int CHIP_ID_BYTES = 64;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One usable item with the window in which it is valid (for choosing among duplicates). */
  private record Item(byte[] value, Instant from, Instant until, String file) {}

  private final Map<CollateralKey, List<Item>> items = new LinkedHashMap<>();
  private final List<X509Certificate> authorities = new ArrayList<>();
  private final List<Path> ignored = new ArrayList<>();
  private final List<String> recognised = new ArrayList<>();
  private final TrustAnchors anchors;
  private CollateralSource source;

  private CollateralDirectory(TrustAnchors anchors) {
    this.anchors = anchors;
  }

  /**
   * Reads every regular file under {@code directory}.
   *
   * @param time the verification time, which chooses among duplicate items
   * @param anchors the verifier's anchors: a CRL issued by a pinned SEV-SNP root is filed
   *     under that root's name, where {@code SnpVerifier} looks for it
   * @throws dev.castellan.cli.FileException if the directory does not exist, holds too many files
   *     or a file that is too large or unreadable
   */
  public static CollateralDirectory load(Path directory, Instant time, TrustAnchors anchors) throws IOException {
    if (!Files.exists(directory)) {
      throw new FileException("collateral directory " + directory + ": does not exist");
    }
    if (!Files.isDirectory(directory)) {
      throw new FileException("collateral directory " + directory + ": is not a directory");
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(directory, MAX_DEPTH)) {
      files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().limit(MAX_FILES + 1L).toList();
    }
    if (files.size() > MAX_FILES) {
      throw new FileException("collateral directory " + directory + ": holds more than " + MAX_FILES + " files");
    }
    CollateralDirectory loaded = new CollateralDirectory(anchors);
    for (Path file : files) {
      loaded.read(file, InputFile.read("collateral file", file, CollateralSource.MAX_BYTES));
    }
    loaded.source = loaded.build(time);
    return loaded;
  }

  /** The collateral, keyed as the verifiers look it up. */
  public CollateralSource source() {
    return source;
  }

  /** What was recognised, one short description per item. */
  List<String> recognised() {
    return List.copyOf(recognised);
  }

  /** Files that are not collateral. */
  List<Path> ignored() {
    return List.copyOf(ignored);
  }

  private void read(Path file, byte[] bytes) {
    String name = dev.castellan.attestation.SafeText.escape(file.getFileName().toString());
    if (readJson(name, bytes) || readCrl(name, bytes) || readCertificates(name, bytes)) {
      return;
    }
    ignored.add(file);
  }

  private boolean readJson(String file, byte[] bytes) {
    int start = 0;
    while (start < bytes.length && Character.isWhitespace(bytes[start])) {
      start++;
    }
    if (start == bytes.length || bytes[start] != '{') {
      return false;
    }
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (JacksonException e) {
      return false;
    }
    JsonNode tcbInfo = root.get("tcbInfo");
    String fmspc = tcbInfo == null ? null : text(tcbInfo, "fmspc");
    String tcbId = tcbInfo == null ? null : text(tcbInfo, "id");
    Platform tcbPlatform = "TDX".equals(tcbId) ? Platform.TDX : "SGX".equals(tcbId) ? Platform.SGX : null;
    if (tcbPlatform != null && fmspc != null && fmspc.matches("[0-9A-Fa-f]{12}")) {
      fmspc = fmspc.toLowerCase(Locale.ROOT);
      add(new CollateralKey(tcbPlatform, "tcb-info", fmspc), bytes, tcbInfo, file);
      recognised.add(tcbId + " TCB Info for FMSPC " + fmspc + " (" + file + ")");
      return true;
    }
    JsonNode identity = root.get("enclaveIdentity");
    String identityId = identity == null || !identity.isObject() ? null : text(identity, "id");
    if ("TD_QE".equals(identityId) || "QE".equals(identityId)) {
      add(CollateralKey.of("QE".equals(identityId) ? Platform.SGX : Platform.TDX, "qe-identity"), bytes, identity, file);
      recognised.add(("QE".equals(identityId) ? "SGX QE" : "TD QE") + " Identity (" + file + ")");
      return true;
    }
    return false;
  }

  private void add(CollateralKey key, byte[] bytes, JsonNode body, String file) {
    Instant from = instant(text(body, "issueDate"));
    Instant until = instant(text(body, "nextUpdate"));
    items.computeIfAbsent(key, k -> new ArrayList<>()).add(new Item(bytes, from, until, file));
  }

  private boolean readCrl(String file, byte[] bytes) {
    boolean pem = startsWith(bytes, "-----BEGIN X509 CRL");
    if (!pem && !(bytes.length > 0 && bytes[0] == 0x30)) {
      return false;
    }
    X509CRL crl;
    try {
      crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(bytes));
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
    if (crl == null) {
      return false;
    }
    Instant from = crl.getThisUpdate().toInstant();
    Instant until = crl.getNextUpdate() == null ? Instant.MAX : crl.getNextUpdate().toInstant();
    List<PinnedCertificate> amdRoots = anchors.roots(Platform.SEV_SNP).stream()
        .filter(r -> r.certificate().getSubjectX500Principal().equals(crl.getIssuerX500Principal())).toList();
    for (PinnedCertificate root : amdRoots) {
      items.computeIfAbsent(new CollateralKey(Platform.SEV_SNP, "crl", root.name()), k -> new ArrayList<>())
          .add(new Item(bytes, from, until, file));
      recognised.add("AMD CRL of " + root.name() + " (" + file + ")");
    }
    if (!amdRoots.isEmpty()) {
      return true;
    }
    String issuer = crl.getIssuerX500Principal().getName();
    String kind = issuer.contains("Root CA") ? "root-crl" : issuer.contains("PCK") ? "pck-crl" : null;
    if (kind == null) {
      return false;
    }
    // The Intel CRLs and TCB signing chain serve TDX and SGX alike (one DCAP PKI).
    for (Platform intel : INTEL) {
      items.computeIfAbsent(CollateralKey.of(intel, kind), k -> new ArrayList<>())
          .add(new Item(bytes, from, until, file));
    }
    recognised.add("Intel " + (kind.equals("root-crl") ? "root CA" : "PCK") + " CRL (" + file + ")");
    return true;
  }

  private boolean readCertificates(String file, byte[] bytes) {
    Collection<? extends java.security.cert.Certificate> certificates;
    try {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes));
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
    if (certificates.isEmpty()) {
      return false;
    }
    boolean any = false;
    for (var certificate : certificates) {
      any |= readCertificate((X509Certificate) certificate, file);
    }
    return any;
  }

  /** Files a recognised certificate; false for any other certificate (a TLS leaf, say). */
  private boolean readCertificate(X509Certificate cert, String file) {
    String subject = cert.getSubjectX500Principal().getName();
    if (cert.getExtensionValue(AMD_HWID) != null) {
      addLeaf(new CollateralKey(Platform.SEV_SNP, "vcek", chipId(cert.getExtensionValue(AMD_HWID))), cert, file);
      recognised.add("SEV-SNP VCEK (" + file + ")");
    } else if (cert.getExtensionValue(AMD_CSPID) != null) {
      addLeaf(CollateralKey.of(Platform.SEV_SNP, "vlek"), cert, file);
      recognised.add("SEV-SNP VLEK (" + file + ")");
    } else if (subject.contains("TCB Signing") && cert.getBasicConstraints() < 0) {
      for (Platform intel : INTEL) {
        addLeaf(CollateralKey.of(intel, "tcb-signing-chain"), cert, file);
      }
      recognised.add("Intel TCB signing certificate (" + file + ")");
    } else if (cert.getBasicConstraints() >= 0) {
      authorities.add(cert);
      recognised.add("CA certificate " + dev.castellan.attestation.SafeText.escape(subject) + " (" + file + ")");
    } else if (cert.getExtensionValue(INTEL_SGX) != null) {
      recognised.add("PCK certificate, not needed: a quote carries its own PCK chain (" + file + ")");
    } else {
      return false;
    }
    return true;
  }

  /** The platforms of Intel's DCAP PKI, whose CRLs and TCB signing chain are shared. */
  private static final List<Platform> INTEL = List.of(Platform.TDX, Platform.SGX);

  private void addLeaf(CollateralKey key, X509Certificate cert, String file) {
    try {
      items.computeIfAbsent(key, k -> new ArrayList<>()).add(new Item(cert.getEncoded(),
          cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(), file));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a parsed certificate cannot be re-encoded", e);
    }
  }

  /**
   * CHIP_ID as the report holds it: 64 bytes. The hwID extension holds the raw bytes, or (in
   * newer certificates) a DER OCTET STRING of them; Turin's 8-byte hwID is zero-padded.
   */
  private static String chipId(byte[] extension) {
    byte[] value = unwrapOctetString(extension);
    if (value.length != CHIP_ID_BYTES && value.length != 8) {
      value = unwrapOctetString(value);
    }
    byte[] chipId = java.util.Arrays.copyOf(value, Math.max(CHIP_ID_BYTES, value.length));
    return HexFormat.of().formatHex(chipId);
  }

  private static byte[] unwrapOctetString(byte[] der) {
    if (der.length >= 2 && der[0] == 0x04 && (der[1] & 0xff) < 0x80 && der[1] == der.length - 2) {
      return java.util.Arrays.copyOfRange(der, 2, der.length);
    }
    if (der.length >= 3 && der[0] == 0x04 && (der[1] & 0xff) == 0x81 && (der[2] & 0xff) == der.length - 3) {
      return java.util.Arrays.copyOfRange(der, 3, der.length);
    }
    return der;
  }

  private CollateralSource build(Instant time) {
    Map<CollateralKey, byte[]> chosen = new LinkedHashMap<>();
    items.forEach((key, candidates) -> {
      Item best = candidates.stream()
          .sorted(Comparator.comparing((Item i) -> !(!time.isBefore(i.from()) && !time.isAfter(i.until())))
              .thenComparing(Item::from, Comparator.reverseOrder()))
          .findFirst().orElseThrow();
      boolean certificate = key.kind().equals("vcek") || key.kind().equals("vlek") || key.kind().equals("tcb-signing-chain");
      chosen.put(key, certificate ? withIssuers(best.value()) : best.value());
    });
    // A lone VCEK also answers for any CHIP_ID: the verifier checks the hwID binding anyway.
    List<CollateralKey> vceks = chosen.keySet().stream().filter(k -> k.kind().equals("vcek")).toList();
    if (vceks.size() == 1) {
      chosen.put(CollateralKey.of(Platform.SEV_SNP, "vcek"), chosen.get(vceks.getFirst()));
    }
    return CollateralSource.of(chosen);
  }

  /** The leaf, then the directory's CA certificates that issued it, as PEM; DER if none did. */
  private byte[] withIssuers(byte[] leafDer) {
    List<X509Certificate> chain = new ArrayList<>();
    try {
      chain.add((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(leafDer)));
      while (chain.size() < 4) {
        X509Certificate last = chain.getLast();
        if (last.getIssuerX500Principal().equals(last.getSubjectX500Principal())) {
          break;
        }
        Optional<X509Certificate> issuer = authorities.stream()
            .filter(a -> a.getSubjectX500Principal().equals(last.getIssuerX500Principal()))
            .filter(a -> verifies(last, a))
            .findFirst();
        if (issuer.isEmpty()) {
          break;
        }
        chain.add(issuer.get());
      }
      if (chain.size() == 1) {
        return leafDer;
      }
      StringBuilder pem = new StringBuilder();
      for (X509Certificate cert : chain) {
        pem.append("-----BEGIN CERTIFICATE-----\n")
            .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(cert.getEncoded()))
            .append("\n-----END CERTIFICATE-----\n");
      }
      return pem.toString().getBytes(StandardCharsets.US_ASCII);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a parsed certificate cannot be re-encoded", e);
    }
  }

  private static boolean verifies(X509Certificate subject, X509Certificate issuer) {
    try {
      subject.verify(issuer.getPublicKey());
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static String text(JsonNode node, String member) {
    JsonNode value = node.get(member);
    return value != null && value.isString() ? value.asString() : null;
  }

  private static Instant instant(String value) {
    if (value == null) {
      return Instant.MIN;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      return Instant.MIN;
    }
  }

  private static boolean startsWith(byte[] bytes, String prefix) {
    return new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.US_ASCII).strip().startsWith(prefix);
  }
}
