/** Byte-level helpers every layer needs: hex, constant-time comparison, and {@link dev.castellan.core.bytes.SecretBytes}, a holder for secrets that never prints them. */
package dev.castellan.core.bytes;
