package dev.castellan.tokens;

import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborArray;
import dev.castellan.core.cbor.CborBytes;
import dev.castellan.core.cbor.CborException;
import dev.castellan.core.cbor.CborLimits;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborTag;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.core.cose.CoseException;
import dev.castellan.core.cose.CoseHeaders;
import dev.castellan.core.cose.CoseSign1;
import dev.castellan.tokens.TrustDocumentException.Problem;
import dev.castellan.tokens.internal.FieldException;
import dev.castellan.tokens.internal.StrictMap;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A signed, versioned list of revoked token ids ({@code cti}), docs/tokens.md "Revocation
 * lists": a tagged COSE_Sign1 with protected header exactly {@code {1: alg, 3:
 * "application/vnd.castellan.revocation-list+cbor", 4: kid}} by a key that the trusted {@link
 * KeySet} accepts at the list's {@code issued_at}, over {@code {"issuer", "version",
 * "issued_at", "revoked"}}. The ids are unique and sorted bytewise, so a list has one encoding.
 * Immutable and thread-safe.
 */
public final class RevocationList {
  public static final String CONTENT_TYPE = "application/vnd.castellan.revocation-list+cbor";
  /** Tokens live at most minutes, so entries can leave the list soon after: 2048 is ample. */
  public static final int MAX_ENTRIES = 2048;
  /** 2048 ids of at most 64 bytes with 2-byte heads, plus header and signature: under 140 KiB. */
  public static final int MAX_DOCUMENT_BYTES = 140 * 1024;

  private static final CborLimits LIMITS =
      CborLimits.DETERMINISTIC.withMaxInputBytes(MAX_DOCUMENT_BYTES).withMaxDepth(4).withMaxItems(MAX_ENTRIES + 64);

  private final String issuer;
  private final long version;
  private final Instant issuedAt;
  private final List<byte[]> revoked;

  private RevocationList(String issuer, long version, Instant issuedAt, List<byte[]> revoked) {
    this.issuer = issuer;
    this.version = version;
    this.issuedAt = issuedAt;
    this.revoked = revoked;
  }

  /**
   * A list revoking {@code tokenIds} (16..64 bytes each; duplicates are merged).
   *
   * @throws IllegalArgumentException if a bound is broken
   */
  public static RevocationList of(String issuer, long version, Instant issuedAt, Collection<byte[]> tokenIds) {
    List<byte[]> sorted = new ArrayList<>(tokenIds.stream().map(byte[]::clone).toList());
    sorted.sort(Arrays::compareUnsigned);
    List<CborValue> ids = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      if (i == 0 || Arrays.compareUnsigned(sorted.get(i - 1), sorted.get(i)) != 0) {
        ids.add(CborValue.of(sorted.get(i)));
      }
    }
    CborMap map = CborMap.builder().put("issuer", issuer).put("version", version)
        .put("issued_at", issuedAt.getEpochSecond()).put("revoked", new CborArray(ids)).build();
    try {
      return fromCbor(map);
    } catch (FieldException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  /** Signs this list with {@code key}, which MUST be usable in the verifiers' key set at {@link #issuedAt()}. */
  public byte[] sign(SigningKey key) throws CoseException {
    CoseHeaders header = CoseHeaders.builder().contentType(CONTENT_TYPE).keyId(key.keyId().toBytes()).build();
    return CoseSign1.sign(key, key.algorithm(), header, CoseHeaders.empty(), Cbor.encode(toCbor()), new byte[0], true);
  }

  /**
   * Verifies a list against the trusted key set: format, issuer, a signer usable at {@code
   * issued_at} and at {@code now} ({@link KeySet#usableKey}), and the signature. Freshness is
   * the verifier's concern ({@link TokenVerifier}).
   */
  public static RevocationList verify(byte[] document, KeySet keySet, Instant now, Duration skew, Duration maxOverlap)
      throws TrustDocumentException {
    Objects.requireNonNull(keySet, "keySet");
    if (document.length > MAX_DOCUMENT_BYTES) {
      throw new TrustDocumentException(Problem.MALFORMED, "revocation list larger than " + MAX_DOCUMENT_BYTES + " bytes");
    }
    CoseSign1 message;
    RevocationList list;
    KeyId kid;
    try {
      CborValue item = Cbor.decode(document, LIMITS);
      if (!(item instanceof CborTag tag) || tag.tag() != CoseSign1.TAG) {
        throw new TrustDocumentException(Problem.MALFORMED, "a revocation list is a COSE_Sign1 under tag 18");
      }
      message = CoseSign1.fromCbor(item);
      CborMap header = message.protectedHeaders().toCbor();
      if (header.size() != 3 || !CborValue.of(CONTENT_TYPE).equals(header.get(3))
          || !(header.get(4) instanceof CborBytes kidBytes) || kidBytes.length() != KeyId.LENGTH
          || !Arrays.equals(Cbor.encode(header), message.protectedBytes())
          || !message.unprotectedHeaders().isEmpty() || message.isDetached()) {
        throw new TrustDocumentException(Problem.MALFORMED, "headers must be exactly {1: alg, 3: \"" + CONTENT_TYPE + "\", 4: kid} and {}");
      }
      kid = KeyId.of(kidBytes.bytes());
      list = fromCbor(Cbor.decode(message.payload().orElseThrow(), LIMITS));
    } catch (CborException | CoseException | FieldException e) {
      throw new TrustDocumentException(Problem.MALFORMED, e.getMessage());
    } catch (RuntimeException e) {
      throw new TrustDocumentException(Problem.MALFORMED, "undecodable revocation list", e);
    }
    if (!list.issuer.equals(keySet.issuer())) {
      throw new TrustDocumentException(Problem.ISSUER_MISMATCH, "issuer differs from the key set's");
    }
    AuthorityPublicKey key;
    try {
      key = keySet.usableKey(kid, list.issuedAt, now, skew, maxOverlap);
    } catch (TokenException e) {
      throw new TrustDocumentException(Problem.SIGNER_NOT_VALID, e.getMessage(), e);
    }
    try {
      message.verify(key.verifier(), key.algorithm(), new byte[0]);
    } catch (CoseException e) {
      throw new TrustDocumentException(Problem.SIGNATURE, "signature does not verify", e);
    }
    return list;
  }

  /** As {@link #verify}, and the new list MUST be newer than this one. */
  public RevocationList verifyUpdate(byte[] document, KeySet keySet, Instant now, Duration skew, Duration maxOverlap)
      throws TrustDocumentException {
    RevocationList next = verify(document, keySet, now, skew, maxOverlap);
    if (next.version <= version) {
      throw new TrustDocumentException(Problem.VERSION_NOT_NEWER,
          "version " + next.version + " does not replace version " + version);
    }
    return next;
  }

  private static RevocationList fromCbor(CborValue value) throws FieldException {
    StrictMap map = StrictMap.of(value, "revocation list");
    String issuer = StrictMap.text(map.require(CborValue.of("issuer"), "issuer"), "issuer", CapabilityClaims.MAX_NAME);
    long version = StrictMap.unsigned(map.require(CborValue.of("version"), "version"), "version", 1, Long.MAX_VALUE);
    Instant issuedAt = KeySet.seconds(map.require(CborValue.of("issued_at"), "issued_at"), "issued_at");
    List<byte[]> revoked = new ArrayList<>();
    for (CborValue item : StrictMap.array(map.require(CborValue.of("revoked"), "revoked"), "revoked", 0, MAX_ENTRIES)) {
      byte[] id = StrictMap.bytes(item, "revoked[]", 16, 64);
      if (!revoked.isEmpty() && Arrays.compareUnsigned(revoked.getLast(), id) >= 0) {
        throw new FieldException("revoked", FieldException.Problem.OUT_OF_RANGE, "ids must be unique and sorted bytewise");
      }
      revoked.add(id);
    }
    map.requireNoOtherFields("revocation list");
    return new RevocationList(issuer, version, issuedAt, List.copyOf(revoked));
  }

  private CborMap toCbor() {
    return CborMap.builder().put("issuer", issuer).put("version", version).put("issued_at", issuedAt.getEpochSecond())
        .put("revoked", new CborArray(revoked.stream().map(id -> (CborValue) CborValue.of(id)).toList())).build();
  }

  /** Whether {@code tokenId} is on the list (binary search over the sorted ids). */
  public boolean isRevoked(byte[] tokenId) {
    int low = 0;
    int high = revoked.size() - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      int c = Arrays.compareUnsigned(revoked.get(middle), tokenId);
      if (c == 0) {
        return true;
      }
      if (c < 0) {
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return false;
  }

  public String issuer() { return issuer; }

  public long version() { return version; }

  public Instant issuedAt() { return issuedAt; }

  public int size() { return revoked.size(); }

  @Override
  public String toString() {
    return "RevocationList[issuer=" + issuer + ", version=" + version + ", issued_at=" + issuedAt + ", revoked=" + revoked.size() + "]";
  }
}
