package dev.castellan.tokens.envelope;

import dev.castellan.core.hash.HashAlgorithm;
import java.nio.charset.StandardCharsets;

/**
 * How a requester proves fresh evidence to cryptod on a nonce cryptod chose (docs/tokens.md,
 * "Evidence for a scope"), in two {@code token_issue_req}s:
 *
 * <ol>
 *   <li>{@code requested_scope: ["evidence:challenge"]} (alone): cryptod answers {@code ok} with a
 *       <em>challenge token</em>, a capability token for {@value #SCOPE} whose {@code aud} is
 *       {@value #AUDIENCE}, {@code sub} the requester's {@code vm_id}, {@code eat_nonce} 32
 *       random bytes of cryptod's choosing, valid {@value #LIFETIME_SECONDS} s;
 *   <li>the real request, with {@code metadata: {"evidence_challenge": <the challenge token>}} and
 *       {@code attestation}: evidence whose nonce (Nitro {@code nonce}, TPM {@code extraData}) or
 *       report data (SEV-SNP, TDX, SGX {@code REPORT_DATA}) is exactly {@link #binding}{@code
 *       (challenge token)}.
 * </ol>
 *
 * A challenge token is accepted once, for the subject it names, before it expires.
 */
public final class EvidenceChallenge {
  /** The scope of a challenge token, reserved: no ACL grants it and it is never combined with another. */
  public static final String SCOPE = "evidence:challenge";
  /** The audience of a challenge token: cryptod itself. */
  public static final String AUDIENCE = "cryptod";
  /** The {@code token_issue_req} metadata member that returns the challenge token. */
  public static final String METADATA_KEY = "evidence_challenge";
  public static final int LIFETIME_SECONDS = 60;
  /** Length of {@link #binding}: the size of SEV-SNP and TDX REPORT_DATA. */
  public static final int BINDING_BYTES = 64;

  private static final byte[] DOMAIN = "castellan evidence challenge v1".getBytes(StandardCharsets.US_ASCII);

  private EvidenceChallenge() {}

  /**
   * What the evidence must carry: {@code SHA-512("castellan evidence challenge v1" || 0x00 ||
   * challengeToken)}, 64 bytes, over the exact bytes of the challenge token.
   */
  public static byte[] binding(byte[] challengeToken) {
    return HashAlgorithm.SHA_512.hash(DOMAIN, new byte[] {0}, challengeToken);
  }
}
