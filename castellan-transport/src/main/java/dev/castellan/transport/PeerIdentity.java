package dev.castellan.transport;

import java.util.Locale;
import java.util.Objects;

/**
 * Who is at the other end of a connection, as established by the operating system or the TLS
 * handshake, never by anything the peer sent in a frame. One record per transport.
 */
public sealed interface PeerIdentity {
  /**
   * A Unix domain socket peer, from {@code SO_PEERCRED} (socket(7)): the credentials the
   * kernel recorded when the peer called {@code connect()} (server side) or {@code listen()}
   * (client side). {@code uid} and {@code gid} are unsigned 32-bit values.
   */
  record Unix(long uid, long gid, long pid) implements PeerIdentity {
    /** Checks that uid and gid fit {@code uid_t}/{@code gid_t} and pid is positive. */
    public Unix {
      if (uid < 0 || uid > 0xFFFF_FFFFL || gid < 0 || gid > 0xFFFF_FFFFL || pid <= 0) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "invalid peer credentials uid=%d gid=%d pid=%d", uid, gid, pid));
      }
    }
  }

  /**
   * A TLS peer, from its verified certificate: the SHA-256 of the certificate's DER
   * SubjectPublicKeyInfo (RFC 5280 section 4.1.2.7; the same value RFC 7469 pins) as 64
   * lowercase hex digits, and the certificate's subject (RFC 2253 form).
   */
  record Tls(String subjectPublicKeyInfoSha256, String subject) implements PeerIdentity {
    /** Checks the digest is 64 lowercase hex digits. */
    public Tls {
      Objects.requireNonNull(subject, "subject");
      if (subjectPublicKeyInfoSha256 == null || !subjectPublicKeyInfoSha256.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("subjectPublicKeyInfoSha256 must be 64 lowercase hex digits");
      }
    }
  }

  /** An AF_VSOCK peer (vsock(7)): its context identifier and port, as the kernel reports them. */
  record Vsock(long cid, long port) implements PeerIdentity {
    /** Checks both fit the unsigned 32-bit fields of {@code struct sockaddr_vm}. */
    public Vsock {
      VsockAddress.checkUnsigned32("cid", cid);
      VsockAddress.checkUnsigned32("port", port);
    }
  }
}
