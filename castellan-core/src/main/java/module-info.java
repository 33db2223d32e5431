/**
 * Castellan core: codecs and cryptographic primitives. Every other module builds on it.
 * Implementation lives in {@code dev.castellan.core.internal}, which is not exported.
 */
module dev.castellan.core {
  requires org.bouncycastle.provider;

  exports dev.castellan.core.bytes;
  exports dev.castellan.core.hash;
  exports dev.castellan.core.cbor;
  exports dev.castellan.core.ipld;
  exports dev.castellan.core.signature;
  exports dev.castellan.core.cose;
  exports dev.castellan.core.cwt;
  exports dev.castellan.core.vrf;
  exports dev.castellan.core.hpke;
  exports dev.castellan.core.smt;
}
