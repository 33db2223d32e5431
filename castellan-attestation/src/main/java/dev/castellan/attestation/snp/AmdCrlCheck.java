package dev.castellan.attestation.snp;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.CertificateChainException;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.CollateralException;
import dev.castellan.attestation.CollateralKey;
import dev.castellan.attestation.CollateralSource;
import dev.castellan.attestation.PinnedCertificate;
import dev.castellan.attestation.Platform;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Revocation of AMD intermediates: the CRL AMD's KDS publishes per product ({@code
 * /vcek/v1/<product>/crl}), signed by the ARK, lists revoked ASKs/ASVKs. Supplied as
 * collateral {@code (SEV_SNP, "crl", <pinned root name>)}, DER or PEM. Without one the check
 * passes with a reason saying revocation was not checked, so the verdict shows it.
 */
final class AmdCrlCheck {
  static final String CHECK = "snp.crl";

  private AmdCrlCheck() {}

  static Check check(CollateralSource source, PinnedCertificate root, List<X509Certificate> path, Instant time)
      throws AttestationException {
    Optional<byte[]> bytes = source.find(new CollateralKey(Platform.SEV_SNP, "crl", root.name()));
    if (bytes.isEmpty()) {
      return Check.skip(CHECK, "no AMD CRL supplied as collateral; ASK/ASVK revocation not checked");
    }
    X509CRL crl = parse(bytes.get());
    X509Certificate ark = root.certificate();
    if (!crl.getIssuerX500Principal().equals(ark.getSubjectX500Principal())) {
      // A collection of CRLs for several products may answer with another product's CRL.
      return Check.skip(CHECK, "the supplied CRL is issued by another root; ASK/ASVK revocation not checked");
    }
    try {
      crl.verify(ark.getPublicKey());
    } catch (Exception e) {
      throw new CollateralException(CHECK, "CRL signature does not verify with " + root.name());
    }
    Instant thisUpdate = crl.getThisUpdate().toInstant();
    Instant nextUpdate = crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant();
    if (time.isBefore(thisUpdate) || nextUpdate == null || time.isAfter(nextUpdate)) {
      throw new CollateralException(CHECK, "CRL is not current at the verification time",
          thisUpdate + " .. " + nextUpdate, time.toString());
    }
    for (X509Certificate cert : path) {
      if (cert.getIssuerX500Principal().equals(ark.getSubjectX500Principal())
          && !cert.getSubjectX500Principal().equals(ark.getSubjectX500Principal())
          && crl.isRevoked(cert)) {
        throw new CertificateChainException(CHECK, "the AMD intermediate is revoked by the ARK's CRL",
            "not revoked", "serial " + cert.getSerialNumber().toString(16));
      }
    }
    return Check.pass(CHECK, "CRL of " + root.name() + " (" + thisUpdate + " .. " + nextUpdate
        + ") verifies; the intermediate is not revoked");
  }

  private static X509CRL parse(byte[] bytes) throws CollateralException {
    byte[] der = bytes;
    String text = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.US_ASCII);
    if (text.startsWith("-----BEGIN X509 CRL-----")) {
      String pem = new String(bytes, StandardCharsets.US_ASCII);
      int end = pem.indexOf("-----END X509 CRL-----");
      if (end < 0) {
        throw new CollateralException(CHECK, "unterminated PEM CRL");
      }
      try {
        der = Base64.getMimeDecoder().decode(pem.substring("-----BEGIN X509 CRL-----".length(), end));
      } catch (IllegalArgumentException e) {
        throw new CollateralException(CHECK, "invalid base64 in PEM CRL");
      }
    }
    try {
      X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
      if (!Arrays.equals(crl.getEncoded(), der)) {
        throw new CollateralException(CHECK, "CRL has trailing or non-DER bytes");
      }
      return crl;
    } catch (CollateralException e) {
      throw e;
    } catch (Exception e) {
      throw new CollateralException(CHECK, "CRL does not parse");
    }
  }
}
