package dev.castellan.server.broker;

import dev.castellan.keys.broker.Decision;
import dev.castellan.keys.broker.DecisionLog;
import dev.castellan.log.LogException;
import dev.castellan.log.LogRecord;
import dev.castellan.log.RecordSigner;
import dev.castellan.log.TransparencyLog;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The broker's {@link DecisionLog} on its transparency log: each decision one record signed by
 * the broker's record key, appended durably. At open it reads the whole log once and keeps the
 * latest administrative decision per key, the ledger that a key's sealed state is checked
 * against (so a rolled-back state is refused, docs/broker.md "The lock").
 */
final class LogDecisionLog implements DecisionLog {
  /** An append that is not durable within this is a failure (the answer is not sent). */
  static final long APPEND_TIMEOUT_SECONDS = 10;

  private final TransparencyLog log;
  private final RecordSigner signer;
  private final Map<String, Decision> administrative = new HashMap<>();

  private LogDecisionLog(TransparencyLog log, RecordSigner signer) {
    this.log = log;
    this.signer = signer;
  }

  static LogDecisionLog open(TransparencyLog log, RecordSigner signer) throws IOException {
    LogDecisionLog ledger = new LogDecisionLog(log, signer);
    long size = log.size();
    for (long i = 0; i < size; i++) {
      try {
        LogRecord record = log.record(i);
        // Only records this broker's key signed count: the log may hold others' records.
        if (java.util.Arrays.equals(record.pubkey(), signer.publicKeyInfo())) {
          DecisionRecord.decode(record.data()).filter(Decision::administrative)
              .ifPresent(d -> ledger.administrative.put(d.keyId(), d));
        }
      } catch (LogException e) {
        throw new IOException("the broker's log record " + i + " is unreadable: " + e.getMessage(), e);
      }
    }
    return ledger;
  }

  @Override
  public void append(Decision decision) throws IOException {
    try {
      LogRecord record = signer.sign(DecisionRecord.encode(decision));
      log.append(record).get(APPEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (GeneralSecurityException | LogException e) {
      throw new IOException("cannot sign the decision record", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("the decision record did not become durable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while logging a decision", e);
    }
    if (decision.administrative()) {
      synchronized (administrative) {
        administrative.put(decision.keyId(), decision);
      }
    }
  }

  @Override
  public Optional<Decision> latestAdministrative(String keyId) {
    synchronized (administrative) {
      return Optional.ofNullable(administrative.get(keyId));
    }
  }
}
