/** Implementation details shared by the verifiers; not part of the public API. */
package dev.castellan.attestation.internal;
