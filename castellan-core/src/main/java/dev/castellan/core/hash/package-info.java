/** Message digests (SHA-256/384/512, SHA3-512) behind one small API. */
package dev.castellan.core.hash;
