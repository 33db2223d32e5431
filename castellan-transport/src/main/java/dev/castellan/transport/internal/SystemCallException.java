package dev.castellan.transport.internal;

/** A libc call returned -1; carries the call's name and {@code errno}. Never leaves the module. */
public final class SystemCallException extends Exception {
  private final String call;
  private final int errno;

  SystemCallException(String call, int errno) {
    super(call + "() failed: " + Errno.describe(errno));
    this.call = call;
    this.errno = errno;
  }

  /** The libc function, e.g. "connect". */
  public String call() {
    return call;
  }

  /** The captured {@code errno}. */
  public int errno() {
    return errno;
  }
}
