package dev.castellan.bench.tokens;

import dev.castellan.core.signature.EcdsaCurve;
import dev.castellan.core.signature.EcdsaPrivateKey;
import dev.castellan.core.signature.EcdsaSignatureEncoding;
import dev.castellan.core.signature.EcdsaSigner;
import dev.castellan.core.signature.EcdsaVerifier;
import dev.castellan.core.signature.Ed25519PrivateKey;
import dev.castellan.core.signature.Ed25519Signer;
import dev.castellan.core.signature.Ed25519Verifier;
import dev.castellan.core.signature.PublicKeySign;
import dev.castellan.core.signature.PublicKeyVerify;
import dev.castellan.tokens.CapabilityClaims;
import dev.castellan.tokens.CapabilityToken;
import dev.castellan.tokens.KeySet;
import dev.castellan.tokens.RevocationList;
import dev.castellan.tokens.SigningKey;
import dev.castellan.tokens.TokenVerifier;
import dev.castellan.tokens.VerifierOptions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Capability tokens issued and verified per second (issue 10), against the raw signature
 * operations of the same key over a message as long as the token's COSE Sig_structure, in
 * the same run. {@code verify} is the full {@link TokenVerifier} (decode, kid, signature,
 * key validity, every claim rule, revocation list) with reusable tokens, as the oracle
 * verifies bearer tokens; target: {@code verify} at least 0.8x {@code rawVerify}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class TokenBenchmark {
  private static final String ISSUER = "castellan.bench/authority";

  @Param({"ES256", "EdDSA"})
  public String algorithm;

  private final SecureRandom random = new SecureRandom();
  private SigningKey key;
  private PublicKeySign rawSigner;
  private PublicKeyVerify rawVerifier;
  private byte[] message;
  private byte[] rawSignature;
  private byte[] token;
  private TokenVerifier verifier;
  private Instant now;

  @Setup
  public void setup() throws Exception {
    if (algorithm.equals("ES256")) {
      EcdsaPrivateKey ecdsa = EcdsaPrivateKey.generate(EcdsaCurve.P_256, random);
      key = SigningKey.ecdsaP256(ecdsa);
      rawSigner = EcdsaSigner.create(ecdsa, EcdsaSignatureEncoding.IEEE_P1363);
      rawVerifier = EcdsaVerifier.create(ecdsa.publicKey(), EcdsaSignatureEncoding.IEEE_P1363);
    } else {
      Ed25519PrivateKey ed = Ed25519PrivateKey.generate(random);
      key = SigningKey.ed25519(ed);
      rawSigner = Ed25519Signer.create(ed);
      rawVerifier = Ed25519Verifier.create(ed.publicKey());
    }
    now = Instant.now();
    token = issue();
    message = new byte[token.length]; // about the Sig_structure's length
    random.nextBytes(message);
    rawSignature = rawSigner.sign(message);
    KeySet keySet = KeySet.of(ISSUER, 1, now.minusSeconds(60), key.keyId(),
        List.of(new KeySet.Entry(key.publicKey(), now.minusSeconds(60), Optional.empty())));
    verifier = TokenVerifier.create(keySet, VerifierOptions.defaults().withReusableTokens());
    verifier.updateRevocationList(RevocationList.of(ISSUER, 1, now, List.of()).sign(key), now);
  }

  private byte[] issue() throws Exception {
    byte[] tokenId = new byte[16];
    byte[] nonce = new byte[16];
    random.nextBytes(tokenId);
    random.nextBytes(nonce);
    return CapabilityToken.sign(CapabilityClaims.builder().issuer(ISSUER).subject("operator").audience("castellan-oracle")
        .issuedAt(now).expiresAt(now.plus(Duration.ofMinutes(5))).tokenId(tokenId)
        .scope(List.of("sign:bip340", "log:append")).nonce(nonce).build(), key);
  }

  @Benchmark
  public byte[] rawSign() throws Exception {
    return rawSigner.sign(message);
  }

  @Benchmark
  public void rawVerify() throws Exception {
    rawVerifier.verify(rawSignature, message);
  }

  @Benchmark
  public byte[] issueToken() throws Exception {
    return issue();
  }

  @Benchmark
  public Object verifyToken() throws Exception {
    return verifier.verify(token, "sign:bip340", "castellan-oracle", now);
  }
}
