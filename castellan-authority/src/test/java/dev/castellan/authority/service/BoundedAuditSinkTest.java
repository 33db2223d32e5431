package dev.castellan.authority.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BoundedAuditSinkTest {
  final TestClock clock = new TestClock(java.time.Instant.ofEpochSecond(1_699_999_995L));
  final List<AuditEvent> written = new ArrayList<>();

  static AuditEvent refused(String actor) {
    return AuditEvent.of(actor, "peer.refused", Optional.empty(), "refused", "rule", "peer-acl.peer-unknown");
  }

  @Test
  void aFlood_writesTheBound_thenOneSummaryWithTheDropCount() throws Exception {
    BoundedAuditSink sink = new BoundedAuditSink(written::add, 3, 16, clock);
    for (int i = 0; i < 10; i++) {
      sink.record(refused("unix.uid-1001"));
    }
    assertThat(written).hasSize(3);
    sink.record(refused("unix.uid-1002")); // another actor has its own bound
    assertThat(written).hasSize(4);
    clock.advance(Duration.ofMinutes(1));
    sink.record(refused("unix.uid-1001"));
    assertThat(written).hasSize(6);
    AuditEvent summary = written.get(4);
    assertThat(summary.action()).isEqualTo("audit.dropped");
    assertThat(summary.actor()).isEqualTo("unix.uid-1001");
    assertThat(summary.metadata()).containsEntry("count", "7");
    assertThat(written.get(5).action()).isEqualTo("peer.refused");
  }

  @Test
  void flush_writesPendingCounts_once() throws Exception {
    BoundedAuditSink sink = new BoundedAuditSink(written::add, 1, 16, clock);
    sink.record(refused("a"));
    sink.record(refused("a"));
    sink.flush();
    sink.flush();
    assertThat(written).extracting(AuditEvent::action).containsExactly("peer.refused", "audit.dropped");
  }

  @Test
  void manyActors_shareTheOverflowBound() throws Exception {
    BoundedAuditSink sink = new BoundedAuditSink(written::add, 2, 4, clock);
    for (int i = 0; i < 100; i++) {
      sink.record(refused("unix.uid-" + i));
    }
    // four tracked actors, then everyone else shares "overflow" (2 records)
    assertThat(written).hasSize(4 + 2);
    sink.flush();
    assertThat(written.get(written.size() - 1).actor()).isEqualTo(WindowCounter.OVERFLOW);
    assertThat(written.get(written.size() - 1).metadata()).containsEntry("count", "94");
  }
}
