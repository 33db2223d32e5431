package dev.castellan.cli.forward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.cli.Cli;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The forward commands' refusals, in process (a run that forwards is in e2e.ForwardEndToEndTest). */
class ForwardCommandTest {
  @Test
  void badAddresses_usageErrorsSayWhichOptionAndWhatIsWrong() {
    Map<List<String>, String> cases = Map.of(
        List.of("--listen", "127.0.0.1:0", "--to", "vsock:5000"), "--to: vsock:CID:PORT needs a CID",
        List.of("--listen", "vsock:1:2:3", "--to", "vsock:16:5000"), "--listen: vsock:CID:PORT has more than two parts",
        List.of("--listen", "127.0.0.1", "--to", "vsock:16:5000"), "--listen: tcp:HOST:PORT needs a PORT",
        List.of("--listen", "127.0.0.1:0", "--to", "tcp:h:99999"), "--to: TCP PORT 99999 is outside 0..65535",
        List.of("--listen", "unix:", "--to", "vsock:16:5000"), "--listen: unix:PATH needs a PATH",
        List.of("--listen", "127.0.0.1:8080", "--to", "tcp:127.0.0.1:8080"), "--to is the --listen address",
        List.of("--listen", "127.0.0.1:0", "--to", "vsock:16:5000", "--buffer-size", "10"), "buffer size 10 is outside",
        List.of("--to", "vsock:16:5000"), "Missing required option: '--listen=ADDR'");
    List<String> failures = new ArrayList<>();
    for (String command : List.of("ip-to-vsock", "vsock-to-ip")) {
      cases.forEach((args, expected) -> {
        List<String> line = new ArrayList<>(List.of("forward", command));
        line.addAll(args);
        Cli cli = Cli.run(line);
        if (cli.exitCode() != 2 || !cli.err().contains(expected)) {
          failures.add(line + " -> " + cli);
        }
      });
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void listen_portInUse_failsSayingSo() throws Exception {
    try (ServerSocketChannel taken = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
      int port = ((InetSocketAddress) taken.getLocalAddress()).getPort();
      Cli cli = Cli.run("forward", "ip-to-vsock", "--listen", "127.0.0.1:" + port, "--to", "vsock:16:5000");
      assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
      assertThat(cli.err()).contains("castellan forward ip-to-vsock: --listen: tcp:127.0.0.1:" + port + " is already in use");
    }
  }

  @Test
  void noSubcommand_usageErrorNamesBoth_helpSaysAnyKindWorks() {
    Cli cli = Cli.run("forward");
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).contains("ip-to-vsock, vsock-to-ip");
    assertThat(Cli.run("forward", "--help").out()).contains("either accepts", "unix:PATH", "vsock:PORT is any CID");
  }
}
