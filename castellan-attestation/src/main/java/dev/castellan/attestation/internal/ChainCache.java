package dev.castellan.attestation.internal;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.CertificateChainException;
import dev.castellan.attestation.PinnedCertificate;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.core.hash.HashAlgorithm;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers chains that validated, keyed by the SHA-256 of their certificates, with the
 * window in which every certificate (and the root) is valid. Sound because, without
 * revocation, PKIX validity depends only on the certificates and the time: a hit inside the
 * window gives the same answer as re-validating. Bounded: cleared when full. One cache
 * belongs to one verifier, whose trust anchors are fixed.
 */
public final class ChainCache {
  /** VCEKs are per chip and TCB, Nitro leaves per enclave boot; 4096 covers a large fleet. */
  private static final int MAX_ENTRIES = 4096;

  private record Entry(PinnedCertificate root, Instant notBefore, Instant notAfter) {}

  private final Map<ByteString, Entry> entries = new ConcurrentHashMap<>();

  public ChainCache() {}

  /**
   * {@link Pkix#validate} without CRLs, answered from the cache when {@code chain} validated
   * before and {@code time} lies inside every certificate's validity.
   */
  public PinnedCertificate validate(
      List<X509Certificate> chain, TrustAnchors anchors, Platform platform, Instant time, String check)
      throws CertificateChainException {
    ByteString key = key(chain, check);
    Entry hit = entries.get(key);
    if (hit != null && !time.isBefore(hit.notBefore()) && !time.isAfter(hit.notAfter())) {
      return hit.root();
    }
    PinnedCertificate root =
        Pkix.validate(chain, anchors, platform, time, List.of(), check);
    Instant notBefore = root.certificate().getNotBefore().toInstant();
    Instant notAfter = root.certificate().getNotAfter().toInstant();
    for (X509Certificate c : chain) {
      Instant from = c.getNotBefore().toInstant();
      Instant until = c.getNotAfter().toInstant();
      notBefore = from.isAfter(notBefore) ? from : notBefore;
      notAfter = until.isBefore(notAfter) ? until : notAfter;
    }
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(key, new Entry(root, notBefore, notAfter));
    return root;
  }

  private static ByteString key(List<X509Certificate> chain, String check) throws CertificateChainException {
    MessageDigest digest = HashAlgorithm.SHA_256.newDigest();
    try {
      for (X509Certificate c : chain) {
        byte[] der = c.getEncoded();
        digest.update((byte) (der.length >>> 24));
        digest.update((byte) (der.length >>> 16));
        digest.update((byte) (der.length >>> 8));
        digest.update((byte) der.length);
        digest.update(der);
      }
    } catch (CertificateEncodingException e) {
      throw new CertificateChainException(check, "certificate cannot be encoded", e);
    }
    return ByteString.of(digest.digest());
  }
}
