/**
 * Verifiable random functions (RFC 9381 ECVRF): {@link dev.castellan.core.vrf.Ecvrf} proves and
 * verifies with typed {@link dev.castellan.core.vrf.EcvrfPrivateKey} and {@link
 * dev.castellan.core.vrf.EcvrfPublicKey} of one {@link dev.castellan.core.vrf.EcvrfSuite}.
 */
package dev.castellan.core.vrf;
