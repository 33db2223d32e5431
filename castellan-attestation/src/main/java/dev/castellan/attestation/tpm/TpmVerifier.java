package dev.castellan.attestation.tpm;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.CollateralKey;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.PinnedCertificate;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.TpmClaims;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.Verifier;
import dev.castellan.attestation.internal.Pkix;
import dev.castellan.core.bytes.ConstantTime;
import java.io.ByteArrayOutputStream;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The TPM 2.0 {@link Verifier}: verifies {@link TpmEvidence} (one or more TPM2_Quote results,
 * TPM 2.0 Library Part 3, 18.4) with the attestation key (AK).
 *
 * <p>For every quote it MUST verify the TPMT_SIGNATURE over the exact TPMS_ATTEST bytes, and
 * recompute pcrDigest as H(selected PCR values in selection order) where H is the
 * <em>signature scheme's</em> hash, whatever the bank (TPM 2.0 Part 3, TPM2_Quote: the digest
 * uses the signing scheme's hash). All quotes must carry the same extraData, which is compared
 * exactly with the request's nonce. The AK comes from the evidence or its certificate, or
 * else from the collateral {@code (TPM, "ak")} (SPKI DER or TPMT_PUBLIC), which is the
 * caller's out-of-band pin: when given, the evidence's AK MUST be that key ({@code tpm.ak}).
 * When the evidence carries an AK certificate chain, it MUST validate to a configured TPM root
 * of the verifier's anchors at the request time and certify the same key ({@link
 * TpmClaims#akCertified()}). An AK with neither a chain nor a pin gives {@code
 * tpm.ak-certificate} SKIP, which the default policy refuses: it is acceptable only when the
 * policy says so explicitly (for example because the caller binds the AK through a hardware
 * report it verified itself).
 *
 * <p>Every failure is an {@link AttestationException} with a check name starting with
 * {@code tpm.}. Immutable and thread-safe.
 */
public final class TpmVerifier implements Verifier {
  private final TrustAnchors anchors;

  private TpmVerifier(TrustAnchors anchors) {
    this.anchors = Objects.requireNonNull(anchors, "anchors");
  }

  /** A verifier whose AK certificates must chain to the TPM roots of {@code anchors}. */
  public static TpmVerifier create(TrustAnchors anchors) {
    return new TpmVerifier(anchors);
  }

  @Override
  public Platform platform() {
    return Platform.TPM;
  }

  @Override
  public AttestationResult verify(Evidence evidence, VerificationRequest request)
      throws AttestationException {
    evidence.requirePlatform(Platform.TPM);
    try {
      return verify(TpmEvidence.parse(evidence.bytes()), request);
    } catch (TpmException e) {
      throw e.toAttestationException();
    } catch (RuntimeException e) {
      throw new MalformedEvidenceException("tpm.quote", "evidence could not be processed", e);
    }
  }

  private AttestationResult verify(TpmEvidence evidence, VerificationRequest request)
      throws TpmException, AttestationException {
    List<Check> checks = new ArrayList<>();
    Optional<PublicKey> pinned = pinnedAk(request);
    PublicKey ak = ak(evidence, pinned);
    if (pinned.isPresent()) {
      checks.add(Check.pass("tpm.ak", "the AK equals the AK pinned by the caller (collateral (TPM, ak))"));
    }
    boolean certified = false;
    boolean simulated = false;
    if (!evidence.akCertificates().isEmpty()) {
      PinnedCertificate root = Pkix.validate(evidence.akCertificates(), anchors, Platform.TPM,
          request.time(), List.of(), "tpm.ak-certificate");
      if (!Arrays.equals(evidence.akCertificates().getFirst().getPublicKey().getEncoded(),
          ak.getEncoded())) {
        throw new TpmException(TpmException.Kind.BINDING, "tpm.ak-certificate",
            "the AK certificate certifies a different key");
      }
      certified = true;
      simulated = root.simulated();
      checks.add(Check.pass("tpm.ak-certificate", "AK certificate chains to pinned root "
          + root.name() + " at " + request.time()));
    } else if (pinned.isEmpty()) {
      // Nothing vouches for this AK: refused by the default policy unless the caller accepts
      // the skip explicitly (or binds the AK through a hardware report it verifies itself).
      checks.add(Check.skip("tpm.ak-certificate",
          "no AK certificate and no AK pinned by the caller: nothing vouches for the AK"));
    }
    byte[] extraData = null;
    TpmsAttest first = null;
    Map<Integer, SortedMap<Integer, ByteString>> pcrs = new HashMap<>();
    for (TpmQuote quote : evidence.quotes()) {
      TpmsAttest attest = TpmsAttest.parse(quote.attest());
      TpmtSignature signature = TpmtSignature.parse(quote.signature());
      signature.verify(ak, quote.attest());
      verifyPcrDigest(attest, signature, quote.pcrValues(), pcrs);
      if (first == null) {
        first = attest;
        extraData = attest.extraData();
      } else if (!Arrays.equals(extraData, attest.extraData())) {
        throw new TpmException(TpmException.Kind.BINDING, "tpm.extra-data",
            "the quotes carry different extraData");
      }
    }
    checks.add(Check.pass("tpm.signature",
        evidence.quotes().size() + " quote signature(s) verify with the AK"));
    checks.add(Check.pass("tpm.pcr-digest",
        "pcrDigest matches the PCR values (signature scheme's hash)"));
    checks.add(freshness(request.freshness(), extraData));
    TpmClaims claims = new TpmClaims(ByteString.of(ak.getEncoded()), certified, pinned.isPresent(),
        ByteString.of(extraData), first.clock(), first.firmwareVersion(), pcrs, simulated);
    return new AttestationResult(claims, checks);
  }

  /** The AK the caller pinned out of band: collateral {@code (TPM, "ak")}, SPKI DER or TPMT_PUBLIC. */
  private static Optional<PublicKey> pinnedAk(VerificationRequest request)
      throws TpmException, AttestationException {
    Optional<byte[]> supplied = request.collateral().find(CollateralKey.of(Platform.TPM, "ak"));
    if (supplied.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(TpmEvidence.spki(supplied.get()));
    } catch (TpmException notSpki) {
      return Optional.of(TpmtPublic.toPublicKey(supplied.get()));
    }
  }

  /**
   * The AK: the evidence's, or its certificate's, or the pinned one. When the caller pinned an
   * AK, the evidence's MUST be the same key.
   */
  private static PublicKey ak(TpmEvidence evidence, Optional<PublicKey> pinned) throws TpmException {
    Optional<PublicKey> carried = evidence.ak().isPresent() ? evidence.ak()
        : evidence.akCertificates().stream().findFirst().map(c -> c.getPublicKey());
    if (carried.isPresent()) {
      if (pinned.isPresent() && !Arrays.equals(carried.get().getEncoded(), pinned.get().getEncoded())) {
        throw new TpmException(TpmException.Kind.BINDING, "tpm.ak",
            "the evidence's AK differs from the AK pinned by the caller");
      }
      return carried.get();
    }
    return pinned.orElseThrow(() -> new TpmException(TpmException.Kind.MALFORMED, "tpm.ak",
        "no AK: neither in the evidence nor pinned by the caller"));
  }

  /** pcrDigest = H_sig(values in selection order); also collects the values per bank. */
  static void verifyPcrDigest(TpmsAttest attest, TpmtSignature signature, List<byte[]> values,
      Map<Integer, SortedMap<Integer, ByteString>> pcrs) throws TpmException {
    if (values.size() != attest.selectedCount()) {
      throw new TpmException(TpmException.Kind.BINDING, "tpm.pcr-digest",
          "the number of PCR values does not match the quote's PCR selection");
    }
    ByteArrayOutputStream concatenated = new ByteArrayOutputStream();
    int next = 0;
    for (TpmsAttest.PcrSelection selection : attest.selections()) {
      int size = TpmHash.of(selection.hashAlg()).size;
      SortedMap<Integer, ByteString> bank =
          pcrs.computeIfAbsent(selection.hashAlg(), k -> new TreeMap<>());
      for (int index : selection.pcrs()) {
        byte[] value = values.get(next++);
        if (value.length != size) {
          throw new TpmException(TpmException.Kind.BINDING, "tpm.pcr-digest",
              "a PCR value has the wrong length for its bank");
        }
        ByteString previous = bank.putIfAbsent(index, ByteString.of(value));
        if (previous != null && !previous.equalsBytes(value)) {
          throw new TpmException(TpmException.Kind.BINDING, "tpm.pcr-digest",
              "two quotes report different values for the same PCR");
        }
        concatenated.writeBytes(value);
      }
    }
    byte[] digest = signature.hash().digest(concatenated.toByteArray());
    if (!ConstantTime.equals(digest, attest.pcrDigest())) {
      throw new TpmException(TpmException.Kind.BINDING, "tpm.pcr-digest",
          "pcrDigest does not match the PCR values");
    }
  }

  private static Check freshness(Freshness freshness, byte[] extraData) throws TpmException {
    return switch (freshness.kind()) {
      case NONE -> Check.skip("tpm.freshness", "freshness not requested (explicit opt-out)");
      case REPORT_DATA -> throw new TpmException(TpmException.Kind.FRESHNESS, "tpm.freshness",
          "a TPM quote carries a nonce (extraData), not report data");
      case NONCE -> {
        if (!ConstantTime.equals(freshness.expected().toByteArray(), extraData)) {
          throw new TpmException(TpmException.Kind.FRESHNESS, "tpm.freshness",
              "extraData does not match the expected nonce");
        }
        yield Check.pass("tpm.freshness", "extraData matches the expected nonce");
      }
    };
  }
}
