package dev.castellan.authority.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.log.LocalLog;
import dev.castellan.log.LogMetrics;
import dev.castellan.log.LogVerifier;
import dev.castellan.tokens.envelope.AuditLog;
import dev.castellan.tokens.envelope.EnvelopeCodec;
import dev.castellan.tokens.envelope.EnvelopeSignatures;
import dev.castellan.tokens.envelope.TokenIssueResponse;
import dev.castellan.transport.FramedConnection;
import dev.castellan.transport.TransportException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refusals close the connection without an answer and are audited; the audit log verifies. */
class RefusalTest {
  @TempDir Path dir;

  CryptodFixture start(String peers) throws Exception {
    return new CryptodFixture(dir, "{\"version\": 1, \"peers\": [" + peers + "]}", CryptodOptions.defaults("castellan"));
  }

  String me(String types) throws Exception {
    return "{\"name\": \"pd\", \"unix\": {\"uid\": " + CryptodFixture.uid(dir) + "}, \"types\": " + types + ", \"subject\": \"vm-7\"}";
  }

  static void assertClosed(FramedConnection c) {
    assertThatThrownBy(c::receive).isInstanceOf(TransportException.class);
  }

  @Test
  void peerNotInTheAcl_refusedBeforeAnyFrame_andAudited() throws Exception {
    long other = CryptodFixture.uid(dir) + 1;
    try (CryptodFixture f = start("{\"name\": \"pd\", \"unix\": {\"uid\": " + other + "}, \"types\": [\"token_issue_req\"], \"subject\": \"vm-7\"}");
        FramedConnection c = f.connect()) {
      assertClosed(c);
      AuditLog record = Wire.last(f.log);
      assertThat(record.action()).isEqualTo("peer.refused");
      assertThat(record.actor()).isEqualTo("unix.uid-" + CryptodFixture.uid(dir));
      assertThat(record.result()).isEqualTo("refused");
      assertThat(Wire.meta(record, "rule")).isEqualTo("peer-acl.peer-unknown");
    }
  }

  @Test
  void typeNotAllowedForThePeer_refused_andTheCodeIsNotRecorded() throws Exception {
    try (CryptodFixture f = start(me("[\"token_issue_req\"]")); FramedConnection c = f.connect()) {
      String code = f.code(0);
      c.send(EnvelopeCodec.encode(Wire.totp("alice", "console-1", code)));
      assertClosed(c);
      assertThat(Wire.meta(Wire.last(f.log), "rule")).isEqualTo("peer-acl.type-not-allowed:totp_validate_req");
      TotpServiceTest.assertNoCodeInTheLog(f, List.of(code));
    }
  }

  @Test
  void malformedFrame_andUnknownType_refused() throws Exception {
    try (CryptodFixture f = start(me("[\"token_issue_req\"]"))) {
      try (FramedConnection c = f.connect()) {
        c.send(new byte[] {(byte) 0xa2, 0x01, 0x02, (byte) 0xff});
        assertClosed(c);
      }
      assertThat(Wire.last(f.log).action()).isEqualTo("frame.malformed");
      assertThat(Wire.meta(Wire.last(f.log), "rule")).isEqualTo("envelope.malformed");
      try (FramedConnection c = f.connect()) { // a schema type that is not a request: a response
        c.send(EnvelopeCodec.encode(f.authority.sign(new TokenIssueResponse("x", TokenIssueResponse.Result.DENIED,
            Optional.empty(), Optional.empty(), dev.castellan.tokens.envelope.SignedEnvelope.UNSIGNED))));
        assertClosed(c);
      }
      assertThat(Wire.meta(Wire.last(f.log), "rule")).isEqualTo("peer-acl.type-not-allowed:token_issue_resp");
    }
  }

  @Test
  void requestIdNotAUuid_refused_notEchoed() throws Exception {
    try (CryptodFixture f = start(me("[\"token_issue_req\"]")); FramedConnection c = f.connect()) {
      c.send(EnvelopeCodec.encode(Wire.issueWithId("not-a-uuid<script>", "vm-7", "net:update")));
      assertClosed(c);
      AuditLog record = Wire.last(f.log);
      assertThat(Wire.meta(record, "rule")).isEqualTo("request.id-invalid");
      assertThat(new String(f.log.recordBytes(f.log.size() - 1), java.nio.charset.StandardCharsets.ISO_8859_1))
          .doesNotContain("not-a-uuid");
    }
  }

  @Test
  void everyRecord_isASignedAuditLog_andTheLogVerifies() throws Exception {
    CryptodFixture f = start(me("[\"token_issue_req\"]"));
    try (FramedConnection c = f.connect()) {
      Wire.call(c, Wire.issue("vm-7", "net:update"));
      Wire.call(c, Wire.issue("vm-8", "net:update"));
      c.send(new byte[] {1, 2, 3});
      assertClosed(c);
    } finally {
      f.close();
    }
    try (var storage = LocalLog.openReadOnly(f.data)) {
      LogVerifier.Report report = LogVerifier.verify(storage, CryptodFixture.ORIGIN, LocalLog.checkpointVerifier(f.data),
          Optional.empty(), LogVerifier.Progress.NONE, new LogMetrics());
      assertThat(report.records()).isEqualTo(3);
      try (var reader = dev.castellan.log.LogReader.open(storage)) {
        for (long i = 0; i < reader.size(); i++) {
          AuditLog record = (AuditLog) EnvelopeCodec.decode(reader.record(i).data());
          EnvelopeSignatures.verify(record, f.keySet, f.clock.instant(), Duration.ofSeconds(30), Duration.ZERO);
        }
      }
    }
  }

  @Test
  void aFloodOfRefusedConnections_writesTheBound_thenOneDropCount() throws Exception {
    long other = CryptodFixture.uid(dir) + 1;
    CryptodFixture f = new CryptodFixture(dir, "{\"version\": 1, \"peers\": [{\"name\": \"pd\", \"unix\": {\"uid\": " + other
        + "}, \"types\": [\"totp_validate_req\"]}]}", new CryptodOptions("castellan", 1, 2, 16, CryptodOptions.DEFAULT_SKEW, 100, dev.castellan.attestation.VerifierSet.of()));
    try {
      for (int i = 0; i < 7; i++) {
        try (FramedConnection c = f.connect()) {
          assertClosed(c);
        }
      }
      assertThat(f.log.size()).isEqualTo(2);
    } finally {
      f.close(); // writes the pending count
    }
    try (var storage = LocalLog.openReadOnly(f.data); var reader = dev.castellan.log.LogReader.open(storage)) {
      assertThat(reader.size()).isEqualTo(3);
      AuditLog summary = (AuditLog) EnvelopeCodec.decode(reader.record(2).data());
      assertThat(summary.action()).isEqualTo("audit.dropped");
      assertThat(Wire.meta(summary, "count")).isEqualTo("5");
    }
  }

  @Test
  void totpWithoutAValidator_refused() throws Exception {
    CryptodFixture f = new CryptodFixture(dir, "{\"version\": 1, \"peers\": [{\"name\": \"unlocker\", \"unix\": {\"uid\": "
        + CryptodFixture.uid(dir) + "}, \"types\": [\"totp_validate_req\"]}]}", CryptodOptions.defaults("castellan"), null, false);
    try (f; FramedConnection c = f.connect()) {
      c.send(EnvelopeCodec.encode(Wire.totp("alice", "console-1", f.code(0))));
      assertClosed(c);
      assertThat(Wire.meta(Wire.last(f.log), "rule")).isEqualTo("service.totp-not-configured");
    }
  }
}
