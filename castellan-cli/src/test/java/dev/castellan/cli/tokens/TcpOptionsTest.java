package dev.castellan.cli.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.cli.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The --tcp options of tokens serve and unlock: every wrong combination is a usage error (exit 2) naming what is missing. */
class TcpOptionsTest {
  @TempDir Path dir;

  static Cli run(String... args) {
    return Cli.run(args);
  }

  @Test
  void serve_tcpWithoutItsTlsFiles_orWithASocket_orTlsFilesWithoutTcp() {
    Cli noTls = run("tokens", "serve", "--data", dir.toString(), "--tcp", "127.0.0.1:0");
    assertThat(noTls.exitCode()).isEqualTo(2);
    assertThat(noTls.err()).contains("--tcp needs --tls-cert FILE and --tls-key FILE");
    Cli both = run("tokens", "serve", "--data", dir.toString(), "--tcp", "127.0.0.1:0", "--socket", "x.sock");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("give --socket or --tcp, not both");
    Cli stray = run("tokens", "serve", "--data", dir.toString(), "--tls-cert", "c.pem");
    assertThat(stray.exitCode()).isEqualTo(2);
    assertThat(stray.err()).contains("go with --tcp");
  }

  @Test
  void unlock_tcpWithoutThePinnedServerCertificate() {
    Cli cli = run("unlock", "--operator", "alice", "--data", dir.toString(), "--tcp", "127.0.0.1:7400",
        "--tls-cert", "c.pem", "--tls-key", "k.pem");
    assertThat(cli.exitCode()).as(cli.err()).isEqualTo(2);
    assertThat(cli.err()).contains("--tls-server-cert");
  }

  @Test
  void tcpAddress_grammar() {
    assertThat(TcpAddress.parse("127.0.0.1:7400").getPort()).isEqualTo(7400);
    assertThat(TcpAddress.parse("[::1]:0").getAddress().isLoopbackAddress()).isTrue();
    assertThat(TcpAddress.parse("localhost:1").getAddress().isLoopbackAddress()).isTrue();
    for (String bad : new String[] {"7400", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:-1", "example.com:80", ":80", "1.2.3.4:+80"}) {
      assertThatThrownBy(() -> TcpAddress.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("--tcp");
    }
  }
}
