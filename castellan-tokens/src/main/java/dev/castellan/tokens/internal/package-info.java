/**
 * Implementation details of {@code castellan-tokens}: the strict field reader shared by every
 * decoder, COSE_Sign (RFC 9052 §4.1) for multi-signer documents, RFC 3339 timestamps and the
 * bounded replay cache. Not API: nothing outside this module may use it.
 */
package dev.castellan.tokens.internal;
