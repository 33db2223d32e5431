package dev.castellan.authority.service;

import dev.castellan.tokens.envelope.Envelope;
import dev.castellan.tokens.envelope.EnvelopeCodec;
import dev.castellan.tokens.envelope.EnvelopeException;
import dev.castellan.tokens.envelope.TokenIssueRequest;
import dev.castellan.tokens.envelope.TotpValidateRequest;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * One frame from an authenticated peer: decode strictly, check the type against the peer's
 * entry, count it against the peer's request budget, and answer.
 */
final class RequestHandler {
  private final TokenIssueHandler tokens;
  private final TotpHandler totp;
  private final WindowCounter budget;
  private final Clock clock;

  RequestHandler(TokenIssueHandler tokens, TotpHandler totp, CryptodOptions options, Clock clock) {
    this.tokens = tokens;
    this.totp = totp;
    this.budget = new WindowCounter(options.requestsPerPeerPerMinute(), Duration.ofMinutes(1), options.maxTrackedPeers());
    this.clock = clock;
  }

  /** The signed answer to {@code frame}. */
  byte[] handle(PeerEntry peer, String peerLabel, byte[] frame) throws Refusal, IOException, GeneralSecurityException {
    Envelope envelope;
    try {
      envelope = EnvelopeCodec.decode(frame);
    } catch (EnvelopeException e) {
      throw new Refusal("frame.malformed", "envelope." + e.problem().name().toLowerCase(Locale.ROOT));
    }
    if (!peer.allows(envelope.type())) {
      if (envelope instanceof TotpValidateRequest secret) {
        secret.totpCode().destroy();
      }
      throw new Refusal("request.refused", "peer-acl.type-not-allowed:" + envelope.type());
    }
    boolean overBudget = !budget.acquire(peer.name(), clock.instant()).allowed();
    return switch (envelope) {
      case TokenIssueRequest r -> tokens.handle(peer, r, overBudget);
      case TotpValidateRequest r -> totp.handle(peer, peerLabel, r, overBudget);
      default -> throw new Refusal("request.refused", "peer-acl.type-not-allowed:" + envelope.type());
    };
  }
}
