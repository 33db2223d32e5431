package dev.castellan.authority.totp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.Decoder;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.common.DecoderResult;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** Our symbols read back with an independent decoder (ZXing, test scope only), for every version 1..10. */
class QrDecodeBackTest {
  static DecoderResult decode(boolean[][] modules) throws Exception {
    BitMatrix bits = new BitMatrix(modules.length);
    for (int y = 0; y < modules.length; y++) {
      for (int x = 0; x < modules.length; x++) {
        if (modules[y][x]) {
          bits.set(x, y);
        }
      }
    }
    return new Decoder().decode(bits);
  }

  @Test
  void decode_keyUrisOfEveryAlgorithm_giveTheUriBack() throws Exception {
    for (TotpAlgorithm algorithm : TotpAlgorithm.values()) {
      TotpSecret secret = TotpSecret.generate(algorithm, new SecureRandom());
      String uri = KeyUri.of("ACME Co", "alice@example.com", secret, TotpParameters.defaults().withAlgorithm(algorithm));
      DecoderResult result = decode(new QrCodeEncoder().encode(uri).orElseThrow());
      assertThat(result.getText()).as(algorithm.name()).isEqualTo(uri);
      assertThat(result.getECLevel()).isEqualTo(ErrorCorrectionLevel.M.toString());
    }
  }

  @Test
  void decode_everyVersionAtItsCapacity_givesTheTextBack() throws Exception {
    int[] capacity = {0, 14, 26, 42, 62, 84, 106, 122, 152, 180, 213};
    for (int version = 1; version <= 10; version++) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < capacity[version]; i++) {
        text.append((char) ('!' + (i * 7 + version) % 90));
      }
      boolean[][] modules = new QrCodeEncoder().encode(text.toString()).orElseThrow();
      assertThat(modules.length).as("version %d", version).isEqualTo(17 + 4 * version);
      assertThat(decode(modules).getText()).as("version %d", version).isEqualTo(text.toString());
    }
  }
}
