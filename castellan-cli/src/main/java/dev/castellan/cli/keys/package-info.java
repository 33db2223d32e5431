/**
 * {@code castellan keys}: key custody commands. {@code keys pkcs11 init|list|sign} work on
 * keys held in a PKCS#11 token (docs/keys.md); {@link Pkcs11Cli} is what other commands use to
 * sign with such a key ({@code log append --signer pkcs11:...}).
 */
package dev.castellan.cli.keys;
