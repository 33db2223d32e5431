package dev.castellan.runtime.monitor;

import dev.castellan.log.LogException;
import dev.castellan.log.RecordSigner;
import dev.castellan.log.TransparencyLog;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Each change as one {@link ChangeRecord} signed by the record key and appended to the
 * transparency log; returns once the log made it durable.
 */
public final class LogChangeSink implements ChangeSink {
  /** An append not durable within this fails the monitor (it must not go on unrecorded). */
  static final long APPEND_TIMEOUT_SECONDS = 10;

  private final TransparencyLog log;
  private final RecordSigner signer;
  private final String root;

  /** {@code root}: the watched directory as the records name it (absolute). */
  public LogChangeSink(TransparencyLog log, RecordSigner signer, String root) {
    this.log = log;
    this.signer = signer;
    this.root = root;
  }

  @Override
  public void record(Change change) throws IOException {
    try {
      log.append(signer.sign(ChangeRecord.encode(root, change))).get(APPEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (GeneralSecurityException | LogException e) {
      throw new IOException("cannot sign the change record of " + change.path(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("the change record of " + change.path() + " did not become durable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while recording a change of " + change.path(), e);
    }
  }
}
