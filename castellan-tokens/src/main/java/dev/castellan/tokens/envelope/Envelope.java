package dev.castellan.tokens.envelope;

import dev.castellan.core.cbor.CborMap;

/**
 * One message of the vchan schema: its {@code type} and its {@code body}. The seven records are
 * the only implementations; each holds typed, immutable fields (secret ones in {@link
 * dev.castellan.core.bytes.SecretBytes}, which never print).
 */
public sealed interface Envelope
    permits TotpValidateRequest, TokenIssueRequest, SignedEnvelope {
  /** The schema's type name, e.g. {@code "token_issue_req"}. */
  String type();

  /** The body map, optional fields left out when empty. */
  CborMap body();
}
