package dev.castellan.transport.internal;

import java.util.Locale;
import java.util.Map;

/**
 * Linux {@code errno} values the socket calls report (asm-generic/errno*.h; x86_64 and aarch64
 * share them), as names and short descriptions. Our own table rather than {@code strerror},
 * which is not thread-safe and depends on the C locale.
 */
public final class Errno {
  public static final int EINTR = 4;
  public static final int EAGAIN = 11;
  public static final int EPIPE = 32;
  public static final int ENOENT = 2;
  public static final int ENODEV = 19;
  public static final int EAFNOSUPPORT = 97;
  public static final int EADDRINUSE = 98;
  public static final int EADDRNOTAVAIL = 99;
  public static final int ECONNRESET = 104;
  public static final int ETIMEDOUT = 110;
  public static final int ECONNREFUSED = 111;

  private static final Map<Integer, String[]> TABLE = Map.ofEntries(
      Map.entry(1, new String[] {"EPERM", "operation not permitted"}),
      Map.entry(ENOENT, new String[] {"ENOENT", "no such file or directory"}),
      Map.entry(EINTR, new String[] {"EINTR", "interrupted system call"}),
      Map.entry(9, new String[] {"EBADF", "bad file descriptor"}),
      Map.entry(EAGAIN, new String[] {"EAGAIN", "resource temporarily unavailable"}),
      Map.entry(12, new String[] {"ENOMEM", "out of memory"}),
      Map.entry(13, new String[] {"EACCES", "permission denied"}),
      Map.entry(ENODEV, new String[] {"ENODEV", "no such device"}),
      Map.entry(22, new String[] {"EINVAL", "invalid argument"}),
      Map.entry(23, new String[] {"ENFILE", "too many open files in system"}),
      Map.entry(24, new String[] {"EMFILE", "too many open files"}),
      Map.entry(EPIPE, new String[] {"EPIPE", "broken pipe"}),
      Map.entry(36, new String[] {"ENAMETOOLONG", "file name too long"}),
      Map.entry(88, new String[] {"ENOTSOCK", "not a socket"}),
      Map.entry(93, new String[] {"EPROTONOSUPPORT", "protocol not supported"}),
      Map.entry(94, new String[] {"ESOCKTNOSUPPORT", "socket type not supported"}),
      Map.entry(95, new String[] {"EOPNOTSUPP", "operation not supported"}),
      Map.entry(EAFNOSUPPORT, new String[] {"EAFNOSUPPORT", "address family not supported by protocol"}),
      Map.entry(EADDRINUSE, new String[] {"EADDRINUSE", "address already in use"}),
      Map.entry(EADDRNOTAVAIL, new String[] {"EADDRNOTAVAIL", "cannot assign requested address"}),
      Map.entry(101, new String[] {"ENETUNREACH", "network is unreachable"}),
      Map.entry(103, new String[] {"ECONNABORTED", "connection aborted"}),
      Map.entry(ECONNRESET, new String[] {"ECONNRESET", "connection reset by peer"}),
      Map.entry(107, new String[] {"ENOTCONN", "transport endpoint is not connected"}),
      Map.entry(ETIMEDOUT, new String[] {"ETIMEDOUT", "connection timed out"}),
      Map.entry(ECONNREFUSED, new String[] {"ECONNREFUSED", "connection refused"}),
      Map.entry(113, new String[] {"EHOSTUNREACH", "no route to host"}));

  private Errno() {}

  /** The symbolic name, e.g. "EAFNOSUPPORT", or "errno 123" for one not in the table. */
  public static String name(int errno) {
    String[] entry = TABLE.get(errno);
    return entry == null ? String.format(Locale.ROOT, "errno %d", errno) : entry[0];
  }

  /** Name and description, e.g. "ECONNREFUSED (connection refused)". */
  public static String describe(int errno) {
    String[] entry = TABLE.get(errno);
    return entry == null ? name(errno) : entry[0] + " (" + entry[1] + ")";
  }
}
