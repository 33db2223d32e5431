/**
 * Implementation of {@code dev.castellan.core.signature}: the BouncyCastle and JDK calls,
 * strict DER and SEC1 codecs, and the BIP-340 arithmetic. Not exported.
 */
package dev.castellan.core.internal.signature;
