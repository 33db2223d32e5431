package dev.castellan.authority.service;

import dev.castellan.transport.ConnectionClosedException;
import dev.castellan.transport.FramedConnection;
import dev.castellan.transport.PeerIdentity;
import dev.castellan.transport.TimedOutException;
import dev.castellan.transport.TransportException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Optional;

/**
 * One connection: the peer is looked up in the {@link PeerAcl} once (a peer no entry names is
 * refused before any frame is read), then frames are answered one at a time until the peer
 * closes, goes idle past the read deadline, or sends something refused. Every refusal is
 * recorded and closes the connection; nothing about it is sent to the peer.
 */
final class Session {
  private static final System.Logger LOG = System.getLogger(Session.class.getName());

  private final PeerAcl acl;
  private final RequestHandler requests;
  private final AuditSink audit;

  Session(PeerAcl acl, RequestHandler requests, AuditSink audit) {
    this.acl = acl;
    this.requests = requests;
    this.audit = audit;
  }

  void serve(FramedConnection connection) {
    PeerIdentity peer = connection.peer();
    String label = PeerPattern.label(peer);
    Optional<PeerEntry> entry = acl.lookup(peer);
    String actor = entry.map(PeerEntry::name).orElse(label);
    try (connection) {
      if (entry.isEmpty()) {
        refuse(actor, label, new Refusal("peer.refused", "peer-acl.peer-unknown"));
        return;
      }
      while (true) {
        byte[] frame;
        try {
          frame = connection.receive();
        } catch (ConnectionClosedException | TimedOutException e) {
          return; // the peer is done, or idle past the read deadline
        } catch (TransportException e) {
          refuse(actor, label, new Refusal("frame.malformed", "transport." + e.getClass().getSimpleName()));
          return;
        }
        byte[] answer;
        try {
          answer = requests.handle(entry.get(), label, frame);
        } catch (Refusal r) {
          refuse(actor, label, r);
          return;
        }
        connection.send(answer);
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.ERROR, "cryptod: audit record failed, connection closed without an answer: " + e.getMessage());
    } catch (GeneralSecurityException e) {
      LOG.log(System.Logger.Level.ERROR, "cryptod: signing failed, connection closed: " + e.getClass().getSimpleName());
    } catch (TransportException e) {
      LOG.log(System.Logger.Level.DEBUG, "cryptod: answer not delivered: " + e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "cryptod: internal error, connection closed: " + e.getClass().getSimpleName());
      tryRecord(actor, label, new Refusal("internal.error", e.getClass().getSimpleName()));
    }
  }

  private void refuse(String actor, String label, Refusal refusal) throws IOException {
    audit.record(AuditEvent.of(actor, refusal.action, Optional.empty(), "refused", "rule", refusal.rule, "peer", label));
  }

  private void tryRecord(String actor, String label, Refusal refusal) {
    try {
      refuse(actor, label, refusal);
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "cryptod: audit record failed: " + e.getMessage());
    }
  }
}
