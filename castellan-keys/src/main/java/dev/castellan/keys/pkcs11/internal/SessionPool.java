package dev.castellan.keys.pkcs11.internal;

import dev.castellan.keys.pkcs11.Pkcs11Exception;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;

/**
 * Sessions of one token, opened on demand up to a bound and reused: a session runs one
 * operation at a time (PKCS#11 v2.40 section 5.6), so concurrent signers each borrow one. A
 * session whose operation failed is closed rather than reused, since a failed call may leave
 * an operation active in it. The login state is the token's, shared by every session of this
 * process, and lasts while one of them is open.
 */
public final class SessionPool implements AutoCloseable {
  private final Cryptoki cryptoki;
  private final long slot;
  private final int max;
  private final LinkedBlockingDeque<Long> idle = new LinkedBlockingDeque<>();
  private final List<Long> open = new ArrayList<>();
  private boolean closed;

  public SessionPool(Cryptoki cryptoki, long slot, int max) {
    this.cryptoki = cryptoki;
    this.slot = slot;
    this.max = max;
  }

  /** A session to use and {@link #release} (or {@link #discard}); waits while all are busy. */
  public long borrow() throws Pkcs11Exception {
    Long session = idle.pollFirst();
    if (session != null) {
      return session;
    }
    synchronized (this) {
      if (closed) {
        throw new Pkcs11Exception("the token has been closed");
      }
      if (open.size() < max) {
        long opened = cryptoki.openSession(slot);
        open.add(opened);
        return opened;
      }
    }
    try {
      return idle.takeFirst();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Pkcs11Exception("interrupted while waiting for a PKCS#11 session");
    }
  }

  public void release(long session) {
    idle.addFirst(session);
  }

  /** Closes a session that failed, keeping at least one open so that the login lasts. */
  public void discard(long session) {
    synchronized (this) {
      if (open.size() <= 1 || closed) {
        idle.addFirst(session);
        return;
      }
      open.remove(session);
    }
    try {
      cryptoki.closeSession(session);
    } catch (Pkcs11Exception e) {
      // Already gone: nothing more to close.
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (long session : open) {
      try {
        cryptoki.closeSession(session);
      } catch (Pkcs11Exception e) {
        // Closing what is already closed: nothing to do.
      }
    }
    open.clear();
    idle.clear();
  }
}
