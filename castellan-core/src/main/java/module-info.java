/**
 * Castellan core: codecs and cryptographic primitives. Every other module builds on it.
 * Implementation lives in {@code dev.castellan.core.internal}, which is not exported.
 */
module dev.castellan.core {
  requires org.bouncycastle.provider;

  exports dev.castellan.core.bytes;
  exports dev.castellan.core.hash;
}
