package dev.castellan.authority.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.signature.Ed25519PrivateKey;
import dev.castellan.log.LocalLog;
import dev.castellan.log.LogMetrics;
import dev.castellan.log.LogOptions;
import dev.castellan.log.RecordSigner;
import dev.castellan.log.TransparencyLog;
import dev.castellan.tokens.envelope.AuditLog;
import dev.castellan.tokens.envelope.EnvelopeSignatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool keeps order, and a crash between append and delete neither loses nor doubles a record. */
class AuditSpoolTest {
  @TempDir Path dir;

  @Test
  void drain_appendsInOrder_deletes_andARedrainOfTheSameEntryIsANoOp() throws Exception {
    try (CryptodFixture f = new CryptodFixture(dir, "{\"version\": 1, \"peers\": []}", CryptodOptions.defaults("castellan"))) {
      AuditSpool spool = new AuditSpool(dir.resolve("spool"));
      AuditSink sink = spool.sink(f.authority, f.random);
      for (String action : List.of("token.issue", "token.revoke", "key.rotate")) {
        sink.record(AuditEvent.of("cli", action, Optional.empty(), "ok"));
      }
      List<Path> pending = spool.pending();
      assertThat(pending).hasSize(3);
      byte[] first = Files.readAllBytes(pending.get(0));
      RecordSigner signer = RecordSigner.ed25519(Ed25519PrivateKey.fromSeed(SecretBytes.copyOf(new byte[32])));
      try (TransparencyLog log = LocalLog.open(dir.resolve("audit"), "castellan.test/audit", LogOptions.DEFAULTS, new LogMetrics())) {
        assertThat(spool.drainInto(log, signer, Duration.ofSeconds(10))).isEqualTo(3);
        assertThat(spool.pending()).isEmpty();
        List<AuditLog> records = Wire.audit(log);
        assertThat(records).extracting(AuditLog::action).containsExactly("token.issue", "token.revoke", "key.rotate");
        for (AuditLog record : records) {
          EnvelopeSignatures.verify(record, f.keySet, f.clock.instant(), Duration.ofSeconds(30), Duration.ZERO);
        }
        Files.write(pending.get(0), first); // as if the process died after the append, before the delete
        spool.drainInto(log, signer, Duration.ofSeconds(10));
        assertThat(log.size()).isEqualTo(3);
        assertThat(spool.pending()).isEmpty();
      }
    }
  }
}
