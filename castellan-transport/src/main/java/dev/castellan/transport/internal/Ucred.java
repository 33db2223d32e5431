package dev.castellan.transport.internal;

import dev.castellan.transport.PeerIdentity;
import dev.castellan.transport.TransportException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@code struct ucred { pid_t pid; uid_t uid; gid_t gid; }} (socket(7), SO_PEERCRED): three
 * 32-bit fields in host byte order, 12 bytes.
 */
public final class Ucred {
  public static final int SOL_SOCKET = 1;
  public static final int SO_PEERCRED = 17;
  public static final int LENGTH = 12;

  private Ucred() {}

  /** The peer identity in a {@code struct ucred}. */
  public static PeerIdentity.Unix decode(byte[] ucred, ByteOrder order) throws TransportException {
    if (ucred.length != LENGTH) {
      throw new TransportException("SO_PEERCRED returned " + ucred.length + " bytes, not 12");
    }
    ByteBuffer in = ByteBuffer.wrap(ucred).order(order);
    int pid = in.getInt();
    long uid = Integer.toUnsignedLong(in.getInt());
    long gid = Integer.toUnsignedLong(in.getInt());
    if (pid <= 0) {
      throw new TransportException("SO_PEERCRED reports no peer process (pid " + pid + ")");
    }
    return new PeerIdentity.Unix(uid, gid, pid);
  }
}
