/**
 * The CBOR envelope protocol of the seed's {@code vchan_schema.yaml}: {@code {"type": text,
 * "body": map}} with the seven message types as typed records ({@link
 * dev.castellan.tokens.envelope.Envelope}), a strict decoder and an encoder ({@link
 * dev.castellan.tokens.envelope.EnvelopeCodec}), and the COSE_Sign1 signatures of the signed
 * bodies ({@link dev.castellan.tokens.envelope.EnvelopeSignatures}). Framing and transports are
 * not here (castellan-transport).
 */
package dev.castellan.tokens.envelope;
