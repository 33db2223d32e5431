/** CBOR encoder, decoder and float conversions behind {@code dev.castellan.core.cbor}. Not exported. */
package dev.castellan.core.internal.cbor;
