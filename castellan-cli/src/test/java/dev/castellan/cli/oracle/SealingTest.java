package dev.castellan.cli.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SealingTest {
  @Test
  void parse_localAndBrokerUrl_giveTheirSealers() {
    assertThat(Sealing.parse("local")).isInstanceOf(Sealing.Local.class);
    assertThat(Sealing.parse("tpm")).isEqualTo(new Sealing.Tpm(java.util.Optional.empty()));
    assertThat(Sealing.parse("tpm:swtpm:host=127.0.0.1,port=2321"))
        .isEqualTo(new Sealing.Tpm(java.util.Optional.of("swtpm:host=127.0.0.1,port=2321")));
    assertThat(Sealing.parse("broker:https://127.0.0.1:8444")).isEqualTo(new Sealing.Broker(URI.create("https://127.0.0.1:8444")));
  }

  @Test
  void parse_plainHttpBrokerOrUnknownValue_throwsNamingTheForms() {
    assertThatThrownBy(() -> Sealing.parse("broker:http://127.0.0.1:8444")).hasMessageContaining("https");
    assertThatThrownBy(() -> Sealing.parse("broker:")).hasMessageContaining("https");
    assertThatThrownBy(() -> Sealing.parse("kms")).hasMessageContaining("'local', 'broker:https://HOST:PORT', 'tpm' or 'tpm:TCTI'");
    assertThatThrownBy(() -> Sealing.parse("tpm:")).hasMessageContaining("needs a TCTI");
  }
}
