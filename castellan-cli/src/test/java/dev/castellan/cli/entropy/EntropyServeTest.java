package dev.castellan.cli.entropy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.authority.entropy.EntropydOptions;
import dev.castellan.cli.Cli;
import dev.castellan.cli.Main;
import dev.castellan.cli.TestOracle;
import dev.castellan.tokens.AuthorityPublicKey;
import dev.castellan.tokens.envelope.EntropyPublication;
import dev.castellan.tokens.envelope.EnvelopeCodec;
import dev.castellan.tokens.envelope.EnvelopeSignatures;
import dev.castellan.transport.FramedConnection;
import dev.castellan.transport.UnixTransport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code castellan entropy serve}: its refusals to start, its startup lines, and entropyd on the data directory's sealed key. */
class EntropyServeTest {
  @TempDir Path data;
  private String out;
  private String err;

  private int run(String... args) {
    Cli cli = Cli.run(args);
    out = cli.out();
    err = cli.err();
    return cli.exitCode();
  }

  private Path allowlist(long uid) throws Exception {
    Files.createDirectories(data.resolve("entropy"));
    return Files.writeString(data.resolve("entropy/peers.json"),
        "{\"version\": 1, \"peers\": [{\"name\": \"cryptod\", \"unix\": {\"uid\": " + uid + "}, \"types\": [\"entropy_pub\"]}]}");
  }

  @Test
  void serve_withoutAnAllowlist_refusesToStart_sayingHowToWriteIt() throws Exception {
    assertThat(run("entropy", "serve", "--data", data.toString())).isEqualTo(1);
    assertThat(err.strip()).isEqualTo("castellan entropy serve: no peer allowlist at " + data.resolve("entropy/peers.json")
        + ": every peer is refused without one; write it (format: docs/authority.md, \"Entropy (entropyd)\") or give --peers FILE");
    assertThat(Files.getPosixFilePermissions(data.resolve("entropy"))).as("made for the allowlist, owner only")
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
  }

  @Test
  void serve_badOptions_areUsageErrors() {
    assertThat(run("entropy", "serve", "--data", data.toString(), "--chunk-bytes", "32")).isEqualTo(2);
    assertThat(err).startsWith("castellan entropy serve: --chunk-bytes must be 64 to 512, got 32");
    assertThat(run("entropy", "serve", "--data", data.toString(), "--every", "10m")).isEqualTo(2);
    assertThat(err).startsWith("castellan entropy serve: --every must be 100 ms to 5 min, got 10m");
    assertThat(run("entropy", "serve", "--data", data.toString(), "--every", "often")).isEqualTo(2);
    assertThat(err).startsWith("castellan entropy serve: --every must be a duration");
    assertThat(data.resolve("entropy")).doesNotExist();
  }

  @Test
  void serve_anAllowlistNamingCryptodsTypes_isRefused() throws Exception {
    Files.createDirectories(data.resolve("entropy"));
    Files.writeString(data.resolve("entropy/peers.json"), "{\"version\": 1, \"peers\": [{\"name\": \"pd\", \"unix\": {\"uid\": 1},"
        + " \"types\": [\"token_issue_req\"], \"subject\": \"vm-7\"}]}");
    assertThat(run("entropy", "serve", "--data", data.toString())).isEqualTo(1);
    assertThat(err).contains("peers[0].types[0]: must be one of entropy_pub");
  }

  @Test
  void serve_whereTheOracleNeverBooted_saysToRunUp() throws Exception {
    allowlist(TestOracle.uid());
    assertThat(run("entropy", "serve", "--data", data.toString())).isEqualTo(1);
    assertThat(err).contains("no simulated TEE in " + data).contains("castellan up --data " + data);
  }

  @Test
  void runner_publishesChunksThatVerifyWithTheWrittenKey_theSameKeyAfterARestart() throws Exception {
    TestOracle.boot(data);
    allowlist(TestOracle.uid());
    EntropydOptions options = EntropydOptions.defaults().withChunkBytes(96).withInterval(Duration.ofMillis(100));
    AuthorityPublicKey first;
    try (EntropydRunner runner = EntropydRunner.start(data, null, null, options, Clock.systemUTC(), new SecureRandom());
        FramedConnection c = UnixTransport.create().connect(UnixDomainSocketAddress.of(runner.socket()))) {
      assertThat(runner.socket()).isEqualTo(data.resolve("entropy/entropyd.sock"));
      first = EntropydKeyFile.read(runner.publicKeyFile());
      EntropyPublication publication = (EntropyPublication) EnvelopeCodec.decode(c.receive());
      EnvelopeSignatures.verify(publication, first);
      assertThat(publication.entropyChunk().size()).isEqualTo(96);
    }
    assertThat(Files.getPosixFilePermissions(data.resolve("entropy/entropyd-key.pub")))
        .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(data.resolve("entropy/entropyd.sock")).doesNotExist();
    try (EntropydRunner again = EntropydRunner.start(data, null, null, options, Clock.systemUTC(), new SecureRandom())) {
      assertThat(again.publicKey()).as("the key is sealed, not made again").isEqualTo(first);
    }
  }

  @Test
  void serve_printsWhereItServesAndItsKey_andStopsOnSigterm() throws Exception {
    TestOracle.boot(data);
    allowlist(TestOracle.uid());
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "entropy", "serve", "--data", data.toString(), "--chunk-bytes", "128", "--every", "1s").redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
        if (line.equals("Press Ctrl-C to stop.")) {
          break;
        }
      }
      Path dir = data.toAbsolutePath().normalize().resolve("entropy");
      String kid = EntropydKeyFile.read(dir.resolve("entropyd-key.pub")).keyId().toString();
      assertThat(lines).as(String.join("\n", lines)).containsSubsequence(
          "entropyd is serving on " + dir.resolve("entropyd.sock"),
          "  peers       " + dir.resolve("peers.json"),
          "  public key  " + dir.resolve("entropyd-key.pub") + " (Ed25519, kid " + kid + ")",
          "  chunks      128 bytes every 1s",
          "Press Ctrl-C to stop.");
      process.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the shutdown hook stops entropyd
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(dir.resolve("entropyd.sock")).as("the listener removed its socket").doesNotExist();
    } finally {
      process.destroyForcibly();
    }
  }
}
