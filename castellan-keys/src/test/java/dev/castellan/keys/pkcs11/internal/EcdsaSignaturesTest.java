package dev.castellan.keys.pkcs11.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.Hex;
import dev.castellan.keys.pkcs11.Pkcs11Exception;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class EcdsaSignaturesTest {
  private static final BigInteger N = EcdsaSignatures.P256_ORDER;

  private static byte[] rs(BigInteger r, BigInteger s) {
    byte[] out = new byte[64];
    byte[] rb = r.toByteArray();
    byte[] sb = s.toByteArray();
    System.arraycopy(rb, Math.max(0, rb.length - 32), out, 32 - Math.min(32, rb.length), Math.min(32, rb.length));
    System.arraycopy(sb, Math.max(0, sb.length - 32), out, 64 - Math.min(32, sb.length), Math.min(32, sb.length));
    return out;
  }

  @Test
  void highS_isReplacedByNMinusS() throws Exception {
    BigInteger r = BigInteger.valueOf(5);
    BigInteger high = N.subtract(BigInteger.TWO);
    assertThat(Hex.encode(EcdsaSignatures.p256LowSDer(rs(r, high)))).isEqualTo("3006020105020102");
  }

  @Test
  void lowS_isKept_andIntegersAreMinimal() throws Exception {
    BigInteger top = BigInteger.ONE.shiftLeft(255); // top bit set: DER needs a leading zero byte
    BigInteger s = N.shiftRight(1); // the largest low S
    byte[] der = EcdsaSignatures.p256LowSDer(rs(top, s));
    assertThat(Hex.encode(der)).startsWith("3045022100" + "80" + "00".repeat(31) + "0220" + "7fffffff");
    assertThat(der).hasSize(71);
  }

  @Test
  void invalidTokenOutput_isRefused() {
    assertThatThrownBy(() -> EcdsaSignatures.p256LowSDer(new byte[63])).isInstanceOf(Pkcs11Exception.class);
    assertThatThrownBy(() -> EcdsaSignatures.p256LowSDer(rs(BigInteger.ZERO, BigInteger.ONE))).hasMessageContaining("invalid");
    assertThatThrownBy(() -> EcdsaSignatures.p256LowSDer(rs(BigInteger.ONE, N))).hasMessageContaining("invalid");
  }
}
