package dev.castellan.authority.service;

import dev.castellan.transport.PeerIdentity;
import java.util.Locale;

/**
 * Which transport peer a {@link PeerAcl} entry names: a Unix uid (from {@code SO_PEERCRED}), a
 * pinned TLS key (SHA-256 of its SubjectPublicKeyInfo) or a vsock context id. Only what the
 * operating system or the TLS handshake established is matched, never anything a peer sent.
 */
public sealed interface PeerPattern {
  /** Whether {@code peer} is the one this pattern names. */
  boolean matches(PeerIdentity peer);

  /** The uid of a Unix domain socket peer, 0..2^32-1. */
  record Unix(long uid) implements PeerPattern {
    @Override
    public boolean matches(PeerIdentity peer) {
      return peer instanceof PeerIdentity.Unix u && u.uid() == uid;
    }
  }

  /** The SPKI SHA-256 (64 lowercase hex digits) of a mutual-TLS peer. */
  record Tls(String spkiSha256) implements PeerPattern {
    @Override
    public boolean matches(PeerIdentity peer) {
      return peer instanceof PeerIdentity.Tls t && t.subjectPublicKeyInfoSha256().equals(spkiSha256);
    }
  }

  /** The context id of an AF_VSOCK peer, 0..2^32-1. */
  record Vsock(long cid) implements PeerPattern {
    @Override
    public boolean matches(PeerIdentity peer) {
      return peer instanceof PeerIdentity.Vsock v && v.cid() == cid;
    }
  }

  /**
   * A short name of {@code peer} for audit records and per-peer limits, in the id grammar
   * ({@code [A-Za-z0-9._@-]}, at most 64): {@code unix.uid-1000}, {@code tls.<first 32 hex
   * digits of the SPKI SHA-256>}, {@code vsock.cid-3}.
   */
  static String label(PeerIdentity peer) {
    return switch (peer) {
      case PeerIdentity.Unix u -> "unix.uid-" + u.uid();
      case PeerIdentity.Tls t -> "tls." + t.subjectPublicKeyInfoSha256().substring(0, 32).toLowerCase(Locale.ROOT);
      case PeerIdentity.Vsock v -> "vsock.cid-" + v.cid();
    };
  }
}
