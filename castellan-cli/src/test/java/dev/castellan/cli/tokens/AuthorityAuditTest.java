package dev.castellan.cli.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.authority.LocalAuthority;
import dev.castellan.cli.Cli;
import dev.castellan.cli.TestOracle;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.cbor.CborText;
import dev.castellan.log.LocalLog;
import dev.castellan.log.storage.EmbeddedStorage;
import dev.castellan.server.oracle.Oracle;
import dev.castellan.tokens.CapabilityToken;
import dev.castellan.tokens.envelope.AuditLog;
import dev.castellan.tokens.envelope.EnvelopeCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The authority's commands leave signed records in its audit log — appended at once when the log
 * is free, queued for (and appended by) a running {@code tokens serve} when it holds the log —
 * and {@code castellan log verify} accepts that log.
 */
class AuthorityAuditTest {
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

  private Path auditHome() {
    return data.resolve(LocalAuthority.DIRECTORY).resolve(LocalAuthority.AUDIT_DIRECTORY);
  }

  private List<AuditLog> records() throws Exception {
    List<AuditLog> all = new ArrayList<>();
    try (EmbeddedStorage log = LocalLog.openReadOnly(auditHome())) {
      for (long i = 0; i < log.size(); i++) {
        all.add((AuditLog) EnvelopeCodec.decode(dev.castellan.log.LogRecord.decode(log.read(i)).data()));
      }
    }
    return all;
  }

  private static String meta(AuditLog record, String key) {
    return ((CborText) record.metadata().orElseThrow().get(key)).value();
  }

  @Test
  void issueRevokeRotate_andADenial_eachASignedRecord_inOrder_andTheLogVerifies() throws Exception {
    assertThat(run("tokens", "issue", "--data", data.toString(), "--scope", "sign:ecdsa")).as(err).isZero();
    assertThat(err).contains("audit: token.issue ok recorded in");
    String jti = Hex.encode(CapabilityToken.decode(Base64.getUrlDecoder().decode(out.strip())).claims().tokenId());
    assertThat(run("tokens", "issue", "--data", data.toString(), "--scope", "luks:unlock")).isEqualTo(1);
    assertThat(run("tokens", "revoke", "--data", data.toString(), jti)).as(err).isZero();
    assertThat(run("tokens", "rotate", "--data", data.toString())).as(err).isZero();

    List<AuditLog> all = records();
    assertThat(all.getFirst().actor()).isEqualTo("oracle"); // the operator token it issued at boot
    assertThat(all.getFirst().target()).contains("operator");
    List<AuditLog> records = all.stream().filter(r -> r.actor().equals("cli")).toList();
    assertThat(records).extracting(AuditLog::action).containsExactly("token.issue", "token.issue", "token.revoke", "key.rotate");
    assertThat(records).extracting(AuditLog::result).containsExactly("ok", "denied", "ok", "ok");
    assertThat(records).allSatisfy(r -> assertThat(r.actor()).isEqualTo("cli"));
    assertThat(meta(records.get(0), "jti")).isEqualTo(jti);
    assertThat(meta(records.get(1), "rule")).isEqualTo("acl.scope-not-allowed");
    assertThat(records.get(2).target()).contains(jti);
    assertThat(meta(records.get(3), "key_set_version")).isEqualTo("2");
    assertThat(Files.list(data.resolve("authority/audit-spool")).count()).isZero();

    assertThat(run("log", "verify", "--data", auditHome().toString())).as(out + err).isZero();
  }

  @Test
  void whileServeHoldsTheLog_theCommandQueues_andServeAppends() throws Exception {
    Files.writeString(data.resolve("authority/peers.json"), "{\"version\": 1, \"peers\": []}");
    try (CryptodRunner serve = CryptodRunner.start(data, null, CryptodRunner.Endpoint.unix(data.resolve("c.sock")), Optional.empty(),
        Clock.systemUTC(), dev.castellan.authority.entropy.AuthorityRandom.create(new byte[] {1}))) {
      assertThat(run("tokens", "issue", "--data", data.toString(), "--scope", "sign:ecdsa")).as(err).isZero();
      assertThat(err).contains("queued in").contains("a running 'castellan tokens serve' appends it within a second");
      long before = serve.log().size(); // the oracle's boot record
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (serve.log().size() == before && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(serve.log().size()).isEqualTo(before + 1);
      AuditLog record = (AuditLog) EnvelopeCodec.decode(serve.log().record(before).data());
      assertThat(record.actor()).isEqualTo("cli");
      assertThat(record.action()).isEqualTo("token.issue");
      assertThat(record.result()).isEqualTo("ok");
    }
    assertThat(run("log", "verify", "--data", auditHome().toString())).as(out + err).isZero();
  }
}
