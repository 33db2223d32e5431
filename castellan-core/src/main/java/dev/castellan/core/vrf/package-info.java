/** Verifiable random functions (RFC 9381 ECVRF). */
package dev.castellan.core.vrf;
