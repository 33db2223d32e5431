package dev.castellan.cli.tokens;

import dev.castellan.cli.Cli;
import dev.castellan.cli.TestOracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.authority.entropy.AuthorityRandom;
import dev.castellan.authority.entropy.EntropydOptions;
import dev.castellan.cli.entropy.EntropydKeyFile;
import dev.castellan.cli.entropy.EntropydRunner;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.tokens.envelope.AuditLog;
import dev.castellan.tokens.envelope.ByteString;
import dev.castellan.tokens.envelope.EnvelopeCodec;
import dev.castellan.tokens.envelope.TokenIssueRequest;
import dev.castellan.tokens.envelope.TokenIssueResponse;
import dev.castellan.transport.FramedConnection;
import dev.castellan.transport.TransportOptions;
import dev.castellan.transport.UnixTransport;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code castellan tokens serve}'s assembly: cryptod on the data directory's sealed authority, over a real Unix socket. */
class TokensServeTest {
  static final AuthorityRandom DRBG = AuthorityRandom.create("tokens serve test".getBytes(StandardCharsets.US_ASCII));

  @TempDir Path data;
  private String out;
  private String err;

  @BeforeEach
  void bootAnOracleOnce() throws Exception {
    TestOracle.boot(data);
  }

  private int run(String... args) {
    Cli cli = Cli.run(args);
    out = cli.out();
    err = cli.err();
    return cli.exitCode();
  }

  @Test
  void unlock_withTheOperatorsTotpCode_getsATokenAndTheEphemeralKey_fromServe() throws Exception {
    Files.writeString(data.resolve("authority/acl.json"),
        "{\"version\": 1, \"subjects\": {\"operator\": [\"sign:bip340\"], \"alice\": [\"sign:bip340\"]}}");
    Files.writeString(data.resolve("authority/peers.json"), "{\"version\": 1, \"peers\": [{\"name\": \"console\", \"unix\": {\"uid\": "
        + TestOracle.uid() + "}, \"types\": [\"totp_validate_req\"]}]}");
    assertThat(run("tokens", "totp-enroll", "--data", data.toString(), "--operator", "alice")).as(err).isZero();
    java.util.regex.Matcher secret = java.util.regex.Pattern.compile("secret=([A-Z2-7]+)&").matcher(out);
    assertThat(secret.find()).isTrue();
    dev.castellan.authority.totp.TotpSecret totp = dev.castellan.authority.totp.TotpSecret.of(
        dev.castellan.authority.totp.TotpAlgorithm.SHA1, dev.castellan.core.bytes.SecretBytes.copyOf(
            dev.castellan.core.bytes.Base32.decode(secret.group(1).toLowerCase(java.util.Locale.ROOT))));
    String code = dev.castellan.authority.totp.Totp.code(totp, Instant.now(),
        dev.castellan.authority.totp.TotpParameters.defaults());
    java.io.InputStream stdin = System.in;
    Path tokenFile = data.resolve("alice.token");
    try (CryptodRunner runner = CryptodRunner.start(data, null, CryptodRunner.Endpoint.unix(null), Optional.empty(), Clock.systemUTC(), DRBG)) {
      System.setIn(new java.io.ByteArrayInputStream((code + "\n").getBytes(StandardCharsets.US_ASCII)));
      assertThat(run("unlock", "--data", data.toString(), "--operator", "alice", "--out", tokenFile.toString()))
          .as(out + err).isZero();
      assertThat(out).contains("result: ok").contains("written to " + tokenFile)
          .containsPattern("ephemeral key: 32 bytes, opened with this console's key \\(SHA-256 [0-9a-f]{16}\\.\\.\\.\\)")
          .doesNotContain(code);
      assertThat(run("tokens", "verify", "--data", data.toString(), "--scope", "sign:bip340", "--token-file",
          tokenFile.toString())).as(out + err).isZero();
      assertThat(out).contains("  subject    alice");
      // The same code again is a replay: no token.
      System.setIn(new java.io.ByteArrayInputStream((code + "\n").getBytes(StandardCharsets.US_ASCII)));
      assertThat(run("unlock", "--data", data.toString(), "--operator", "alice")).isEqualTo(1);
      assertThat(out).contains("result: replay");
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void unlock_withoutARunningServe_saysWhatToStart() {
    java.io.InputStream stdin = System.in;
    try {
      System.setIn(new java.io.ByteArrayInputStream("123456\n".getBytes(StandardCharsets.US_ASCII)));
      assertThat(run("unlock", "--data", data.toString(), "--operator", "alice")).isEqualTo(1);
      assertThat(err).contains(data.resolve("authority/cryptod.sock").toString())
          .contains("(is 'castellan tokens serve' running there?)").doesNotContain("123456");
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void serve_withoutAPeerAcl_refusesToStart() {
    assertThat(run("tokens", "serve", "--data", data.toString())).isEqualTo(1);
    assertThat(err).contains("no peer ACL at " + data.resolve("authority/peers.json"));
  }

  @Test
  void serve_issuesToAnAllowedPeer_withTheSealedKey_andAuditsIt() throws Exception {
    Files.writeString(data.resolve("authority/peers.json"), "{\"version\": 1, \"peers\": [{\"name\": \"me\", \"unix\": {\"uid\": "
        + TestOracle.uid() + "}, \"types\": [\"token_issue_req\"], \"subject\": \"operator\"}]}");
    try (CryptodRunner runner = CryptodRunner.start(data, null, CryptodRunner.Endpoint.unix(null), Optional.empty(), Clock.systemUTC(), DRBG);
        FramedConnection connection = UnixTransport.create(TransportOptions.DEFAULTS)
            .connect(UnixDomainSocketAddress.of(runner.socket))) {
      TokenIssueRequest request = new TokenIssueRequest(UUID.randomUUID().toString(), "operator", List.of("sign:bip340"),
          "test", ByteString.of(new byte[16]), Instant.now().truncatedTo(ChronoUnit.SECONDS), Optional.empty(), Optional.empty());
      connection.send(EnvelopeCodec.encode(request));
      TokenIssueResponse response = (TokenIssueResponse) EnvelopeCodec.decode(connection.receive());
      assertThat(response.result()).isEqualTo(TokenIssueResponse.Result.OK);
      String token = Base64.getUrlEncoder().withoutPadding().encodeToString(response.token().orElseThrow().toByteArray());
      assertThat(run("tokens", "verify", "--data", data.toString(), "--scope", "sign:bip340", token)).as(out + err).isZero();
      assertThat(runner.log().size()).as("the decision is an audit record").isPositive();
    }
  }

  @Test
  void serve_withEntropy_reseedsTheDrbgItIssuesFrom_andRecordsEachReseed() throws Exception {
    Files.writeString(data.resolve("authority/peers.json"), "{\"version\": 1, \"peers\": [{\"name\": \"me\", \"unix\": {\"uid\": "
        + TestOracle.uid() + "}, \"types\": [\"token_issue_req\"], \"subject\": \"operator\"}]}");
    Files.createDirectories(data.resolve("entropy"));
    Files.writeString(data.resolve("entropy/peers.json"), "{\"version\": 1, \"peers\": [{\"name\": \"cryptod\", \"unix\": {\"uid\": "
        + TestOracle.uid() + "}, \"types\": [\"entropy_pub\"]}]}");
    AuthorityRandom drbg = AuthorityRandom.create("tokens serve entropy test".getBytes(StandardCharsets.US_ASCII));
    try (EntropydRunner entropyd = EntropydRunner.start(data, null, null,
            EntropydOptions.defaults().withInterval(Duration.ofMillis(100)), Clock.systemUTC(), new java.security.SecureRandom());
        CryptodRunner cryptod = CryptodRunner.start(data, null, CryptodRunner.Endpoint.unix(null),
            Optional.of(new CryptodRunner.EntropyFeed(entropyd.socket(), EntropydKeyFile.defaultFile(data))), Clock.systemUTC(), drbg)) {
      // The first record is the oracle's, of the operator token it issued at boot; the reseed follows.
      AuditLog record = null;
      for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); record == null && System.nanoTime() < end; ) {
        for (long i = 0; i < cryptod.log().size() && record == null; i++) {
          AuditLog candidate = (AuditLog) EnvelopeCodec.decode(cryptod.log().record(i).data());
          record = candidate.action().equals("entropy.reseed") ? candidate : null;
        }
        Thread.sleep(20);
      }
      assertThat(record).as("an entropy.reseed record").isNotNull();
      assertThat(record.action()).isEqualTo("entropy.reseed");
      assertThat(record.actor()).isEqualTo("entropyd");
      assertThat(record.result()).isEqualTo("ok");
      CborMap metadata = record.metadata().orElseThrow();
      assertThat(metadata.get("entropyd_kid")).isEqualTo(CborValue.of(entropyd.publicKey().keyId().toString()));
      assertThat(metadata.get("chunk_bytes")).isEqualTo(CborValue.of("64"));
      assertThat(metadata.get("reseeds")).isEqualTo(CborValue.of("1"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (drbg.reseeds() < 1 && System.nanoTime() < deadline) {
        Thread.sleep(5); // the chunk is mixed in right after its record is durable
      }
      assertThat(drbg.reseeds()).as("the DRBG cryptod issues from was reseeded").isPositive();
    }
    assertThat(run("log", "verify", "--data", data.resolve("authority/audit").toString())).as(out + err).isZero();
  }

  @Test
  void serve_withEntropy_butNoPinnedKey_refusesToStart() throws Exception {
    Files.writeString(data.resolve("authority/peers.json"), "{\"version\": 1, \"peers\": []}");
    Path socket = data.resolve("entropy/entropyd.sock");
    assertThat(run("tokens", "serve", "--data", data.toString(), "--entropy", socket.toString())).isEqualTo(1);
    assertThat(err).contains("entropyd public key " + data.resolve("entropy/entropyd-key.pub") + ": ");
    assertThat(run("tokens", "serve", "--data", data.toString(), "--entropy-key", "k.pub")).isEqualTo(2);
    assertThat(err).contains("--entropy-key needs --entropy SOCKET");
  }
}
