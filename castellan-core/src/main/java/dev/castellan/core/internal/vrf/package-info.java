/**
 * Implementation of {@code dev.castellan.core.vrf}: the generic RFC 9381 ECVRF algorithm, the P-256
 * and edwards25519 cipher suites over BouncyCastle's EC arithmetic, and the RFC 9380 hash-to-curve
 * pieces the SSWU and ELL2 suites need. Not exported.
 */
package dev.castellan.core.internal.vrf;
