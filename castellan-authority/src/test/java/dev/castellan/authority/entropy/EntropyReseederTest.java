package dev.castellan.authority.entropy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.authority.service.AuditEvent;
import dev.castellan.authority.service.AuditSink;
import dev.castellan.authority.service.PeerAcl;
import dev.castellan.authority.service.PeerService;
import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.core.signature.Ed25519PrivateKey;
import dev.castellan.tokens.SigningKey;
import dev.castellan.tokens.envelope.ByteString;
import dev.castellan.tokens.envelope.EnvelopeCodec;
import dev.castellan.tokens.envelope.TokenIssueResponse;
import dev.castellan.transport.TransportOptions;
import dev.castellan.transport.UnixTransport;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cryptod's reseeding client: every chunk is checked, recorded, and only then mixed in; a bad one never is. */
class EntropyReseederTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final ReseedOptions FAST = ReseedOptions.defaults().withBackoff(Duration.ofMillis(20), Duration.ofMillis(200));

  @TempDir Path dir;
  private final SigningKey entropydKey = SigningKey.ed25519(Ed25519PrivateKey.generate(EntropydFixture.RANDOM));
  private final AuthorityRandom random = AuthorityRandom.create("cryptod test".getBytes(StandardCharsets.UTF_8));
  private final BlockingQueue<AuditEvent> audit = new LinkedBlockingQueue<>();
  private final AuditSink sink = audit::add;
  private FakeEntropyd fake;
  private EntropyReseeder reseeder;

  @AfterEach
  void stop() throws Exception {
    if (reseeder != null) {
      reseeder.close();
    }
    if (fake != null) {
      fake.close();
    }
  }

  private void startAgainstFake(Clock clock) throws Exception {
    fake = new FakeEntropyd(dir);
    reseeder = EntropyReseeder.start(UnixTransport.create(TransportOptions.DEFAULTS), fake.address, entropydKey.publicKey(),
        random, sink, clock, FAST);
  }

  private void startAgainstFake() throws Exception {
    startAgainstFake(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private AuditEvent next() throws InterruptedException {
    AuditEvent event = audit.poll(10, TimeUnit.SECONDS);
    assertThat(event).as("an audit record within 10 s").isNotNull();
    return event;
  }

  /** A chunk is mixed in right after its record is written: wait until the count is at least {@code count} (10 s at most). */
  private void awaitReseeds(long count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (random.reseeds() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(random.reseeds()).isGreaterThanOrEqualTo(count);
  }

  private AuditEvent rejection(byte[] frame) throws Exception {
    fake.send(frame);
    AuditEvent event = next();
    assertThat(event.action()).isEqualTo("entropy.reseed");
    assertThat(event.actor()).isEqualTo("entropyd");
    assertThat(event.result()).isEqualTo("rejected");
    assertThat(event.metadata()).containsEntry("entropyd_kid", entropydKey.keyId().toString());
    assertThat(random.reseeds()).as("a rejected chunk is never mixed in").isZero();
    return event;
  }

  private static byte[] nonce(int fill) {
    byte[] nonce = new byte[16];
    java.util.Arrays.fill(nonce, (byte) fill);
    return nonce;
  }

  @Test
  void validChunk_reseedsTheDrbg_andIsAuditedWithoutItsBytes() throws Exception {
    startAgainstFake();
    fake.send(FakeEntropyd.publication(entropydKey, 64, nonce(1), NOW.minusSeconds(5)));
    AuditEvent event = next();
    assertThat(event.result()).isEqualTo("ok");
    assertThat(event.metadata()).containsOnlyKeys("reseeds", "chunk_bytes", "entropyd_kid")
        .containsEntry("reseeds", "1").containsEntry("chunk_bytes", "64")
        .containsEntry("entropyd_kid", entropydKey.keyId().toString());
    awaitReseeds(1);
    fake.send(FakeEntropyd.publication(entropydKey, 512, nonce(2), NOW.plusSeconds(5)));
    assertThat(next().metadata()).containsEntry("reseeds", "2").containsEntry("chunk_bytes", "512");
    awaitReseeds(2);
    assertThat(random.reseeds()).isEqualTo(2);
  }

  @Test
  void tamperedSignature_rejected() throws Exception {
    startAgainstFake();
    CborMap envelope = Cbor.decode(FakeEntropyd.publication(entropydKey, 64, nonce(1), NOW)).asMap();
    CborMap body = envelope.get("body").asMap();
    CborMap.Builder tampered = CborMap.builder();
    byte[] otherChunk = new byte[64];
    java.util.Arrays.fill(otherChunk, (byte) 1); // the signed chunk is all zeros
    body.entries().forEach(e -> tampered.put(e.getKey(),
        e.getKey().equals(CborValue.of("entropy_chunk")) ? CborValue.of(otherChunk) : e.getValue()));
    byte[] frame = Cbor.encode(CborMap.builder().put("type", envelope.get("type")).put("body", tampered.build()).build());
    assertThat(rejection(frame).metadata()).containsEntry("rule", "entropy.signature");
  }

  @Test
  void unsignedChunk_rejected() throws Exception {
    startAgainstFake();
    CborMap envelope = Cbor.decode(FakeEntropyd.publication(entropydKey, 64, nonce(1), NOW)).asMap();
    CborMap.Builder unsigned = CborMap.builder();
    envelope.get("body").asMap().entries().stream().filter(e -> !e.getKey().equals(CborValue.of("signature")))
        .forEach(e -> unsigned.put(e.getKey(), e.getValue()));
    byte[] frame = Cbor.encode(CborMap.builder().put("type", envelope.get("type")).put("body", unsigned.build()).build());
    assertThat(rejection(frame).metadata()).containsEntry("rule", "entropy.signature");
  }

  @Test
  void chunkSignedByAnotherKey_rejected() throws Exception {
    startAgainstFake();
    SigningKey other = SigningKey.ed25519(Ed25519PrivateKey.generate(EntropydFixture.RANDOM));
    assertThat(rejection(FakeEntropyd.publication(other, 64, nonce(1), NOW)).metadata())
        .containsEntry("rule", "entropy.signer-not-pinned");
  }

  @Test
  void staleTimestamp_rejected() throws Exception {
    startAgainstFake();
    assertThat(rejection(FakeEntropyd.publication(entropydKey, 64, nonce(1), NOW.minusSeconds(121))).metadata())
        .containsEntry("rule", "entropy.timestamp-skew");
  }

  @Test
  void timestampAheadOfTheClock_rejected() throws Exception {
    startAgainstFake();
    assertThat(rejection(FakeEntropyd.publication(entropydKey, 64, nonce(1), NOW.plusSeconds(121))).metadata())
        .containsEntry("rule", "entropy.timestamp-skew");
  }

  @Test
  void replayedNonce_rejected_theFirstUseCountsOnce() throws Exception {
    startAgainstFake();
    byte[] frame = FakeEntropyd.publication(entropydKey, 64, nonce(7), NOW);
    fake.send(frame.clone());
    assertThat(next().result()).isEqualTo("ok");
    fake.send(frame);
    AuditEvent replay = next();
    assertThat(replay.result()).isEqualTo("rejected");
    assertThat(replay.metadata()).containsEntry("rule", "entropy.nonce-replayed");
    assertThat(random.reseeds()).isEqualTo(1); // the first reseed happened before the replay was read
  }

  @Test
  void chunkTooShort_rejected() throws Exception {
    startAgainstFake();
    assertThat(rejection(FakeEntropyd.publication(entropydKey, 63, nonce(1), NOW)).metadata())
        .containsEntry("rule", "entropy.chunk-size");
  }

  @Test
  void chunkTooLong_rejected() throws Exception {
    startAgainstFake();
    assertThat(rejection(FakeEntropyd.publication(entropydKey, 513, nonce(1), NOW)).metadata())
        .containsEntry("rule", "entropy.chunk-size");
  }

  @Test
  void anotherEnvelopeType_rejected() throws Exception {
    startAgainstFake();
    byte[] response = EnvelopeCodec.encode(new TokenIssueResponse("x", TokenIssueResponse.Result.DENIED, Optional.empty(),
        Optional.empty(), ByteString.of(new byte[] {1})));
    assertThat(rejection(response).metadata()).containsEntry("rule", "entropy.type-unexpected");
  }

  @Test
  void notAnEnvelope_rejected() throws Exception {
    startAgainstFake();
    assertThat(rejection(new byte[] {(byte) 0xa1, 0x01, 0x02}).metadata()).containsEntry("rule", "envelope.malformed");
  }

  @Test
  void entropydUnavailable_cryptodDrawsFromItsOwnDrbg_thenReconnectsAndReseeds() throws Exception {
    UnixDomainSocketAddress address = UnixDomainSocketAddress.of(dir.resolve("entropyd.sock"));
    reseeder = EntropyReseeder.start(UnixTransport.create(TransportOptions.DEFAULTS), address, entropydKey.publicKey(),
        random, sink, Clock.systemUTC(), FAST);
    byte[] drawn = new byte[32];
    random.random().nextBytes(drawn); // entropy is welcome, never waited for
    assertThat(audit.poll(300, TimeUnit.MILLISECONDS)).as("nothing is recorded while entropyd is absent").isNull();
    try (Entropyd entropyd = Entropyd.start(UnixTransport.create().listen(address),
        PeerAcl.fromJson(EntropydFixture.allowlist(dir, true).getBytes(StandardCharsets.UTF_8), PeerService.ENTROPYD),
        EntropyPublisher.create(entropydKey, Clock.systemUTC()),
        EntropydOptions.defaults().withInterval(Duration.ofMillis(100)))) {
      AuditEvent event = next();
      assertThat(event.result()).isEqualTo("ok");
      awaitReseeds(1);
      assertThat(entropyd.published()).isPositive();
    }
    assertThat(reseeder.rejected()).isZero();
  }
}
