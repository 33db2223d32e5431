package dev.castellan.runtime.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.castellan.transport.StreamAddress;
import dev.castellan.transport.VsockAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Every control command over a real Unix socket, against real processes; nc where installed; vsock to the boundary. */
class ControlServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path directory;
  private Fixture fixture;
  private ServiceManager manager;
  private ControlServer server;
  private Path socket;
  private final List<String> diagnostics = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    fixture = new Fixture(directory);
    fixture.shell("web", "echo hello-web; exec sleep 30");
    fixture.shell("worker", "echo hello-worker; exec sleep 30", "ServiceEnable = false");
    manager = ServiceManager.load(fixture.options(), false);
    manager.startAll();
    socket = directory.resolve("init.sock");
    server = ControlServer.start(new ControlAddress.Unix(socket),
        new ControlProtocol(manager, () -> new Thread(manager::shutdown).start()), diagnostics::add);
  }

  @AfterEach
  void stop() {
    server.close();
    manager.shutdown();
  }

  private JsonNode call(String request) throws IOException {
    return JSON.readTree(ControlClient.send(new ControlAddress.Unix(socket), request));
  }

  @Test
  void socket_isOwnerOnly() throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
  }

  @Test
  void ping_asObjectOrBareString_pong() throws Exception {
    assertThat(call("{\"Ping\":{}}").toString()).isEqualTo("{\"Pong\":{}}");
    assertThat(call("\"Ping\"").toString()).isEqualTo("{\"Pong\":{}}");
    assertThat(call("{\"Ping\":null}").toString()).isEqualTo("{\"Pong\":{}}");
  }

  @Test
  void listServicesAndServiceStatus_describeEachService() throws Exception {
    JsonNode list = call("{\"ListServices\":{}}");
    assertThat(list.get("ServiceList").get("services")).hasSize(2);
    JsonNode web = list.get("ServiceList").get("services").get(0);
    assertThat(web.get("name").asString()).isEqualTo("web");
    assertThat(web.get("state").asString()).isEqualTo("running");
    assertThat(web.get("pid").asLong()).isPositive();
    assertThat(call("{\"ServiceList\":{}}")).as("the seed's nc example spells it ServiceList").isEqualTo(list);
    JsonNode worker = call("{\"ServiceStatus\":{\"name\":\"worker\"}}").get("ServiceStatus");
    assertThat(worker.get("state").asString()).isEqualTo("inactive");
    assertThat(worker.get("enabled").asBoolean()).isFalse();
    assertThat(worker.get("pid").isNull()).isTrue();
    assertThat(worker.get("restart").asString()).isEqualTo("no");
    assertThat(worker.get("exec_start").get(0).asString()).isEqualTo("/bin/sh");
  }

  @Test
  void serviceStartLogsStopRestart_actOnTheProcess() throws Exception {
    assertThat(call("{\"ServiceStart\":{\"name\":\"worker\"}}").toString())
        .isEqualTo("{\"Success\":{\"message\":\"service worker started\"}}");
    Fixture.await("worker's output", () -> logs("worker").contains("hello-worker"));
    assertThat(status("worker").get("state").asString()).isEqualTo("running");
    assertThat(call("{\"ServiceStop\":{\"name\":\"worker\"}}").get("Success")).isNotNull();
    assertThat(status("worker").get("state").asString()).isEqualTo("stopped");
    long before = status("web").get("pid").asLong();
    assertThat(call("{\"ServiceRestart\":{\"name\":\"web\"}}").get("Success")).isNotNull();
    assertThat(status("web").get("pid").asLong()).isNotEqualTo(before);
    JsonNode logs = call("{\"ServiceLogs\":{\"name\":\"web\",\"lines\":2}}").get("ServiceLogs");
    assertThat(logs.get("name").asString()).isEqualTo("web");
    assertThat(logs.get("lines")).hasSizeLessThanOrEqualTo(2);
  }

  @Test
  void serviceEnableDisable_flipTheFlag() throws Exception {
    assertThat(call("{\"ServiceDisable\":{\"name\":\"web\"}}").get("Success")).isNotNull();
    assertThat(status("web").get("enabled").asBoolean()).isFalse();
    assertThat(call("{\"ServiceEnable\":{\"name\":\"web.service\"}}").get("Success")).isNotNull();
    assertThat(status("web").get("enabled").asBoolean()).isTrue();
  }

  @Test
  void processStartListStop_runsAndStopsAProcess() throws Exception {
    JsonNode started = call("{\"ProcessStart\":{\"command\":\"/bin/sh\",\"args\":[\"-c\",\"echo $GREETING > "
        + directory.resolve("greeting") + "; exec sleep 30\"],\"env\":{\"GREETING\":\"hi\"}}}");
    long pid = started.get("ProcessStarted").get("pid").asLong();
    Fixture.await("the greeting", () -> fixture.lines("greeting").equals(List.of("hi")));
    JsonNode processes = call("{\"ProcessList\":{}}").get("ProcessList").get("processes");
    assertThat(processes.findValues("pid").stream().map(JsonNode::asLong)).contains(pid, status("web").get("pid").asLong());
    assertThat(call("{\"ProcessStop\":{\"pid\":" + pid + "}}").get("Success")).isNotNull();
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(call("{\"ProcessStop\":{\"pid\":" + pid + "}}").get("Error").get("message").asString())
        .contains("not a process started with ProcessStart");
  }

  @Test
  void systemStatusReloadShutdown() throws Exception {
    JsonNode status = call("{\"SystemStatus\":{}}").get("SystemStatus");
    assertThat(status.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
    assertThat(status.get("pid1").asBoolean()).isFalse();
    assertThat(status.get("services").asInt()).isEqualTo(2);
    assertThat(status.get("running").asInt()).isEqualTo(1);
    fixture.shell("cache", "exec sleep 30");
    assertThat(call("{\"SystemReload\":{}}").get("Success")).isNotNull();
    assertThat(status("cache").get("state").asString()).isEqualTo("running");
    fixture.shell("broken", "true", "Requires = [\"nowhere\"]");
    assertThat(call("{\"SystemReload\":{}}").get("Error").get("message").asString())
        .endsWith("broken.service: line 4: Requires names unknown unit nowhere");
    assertThat(call("{\"ListServices\":{}}").get("ServiceList").get("services")).as("the bad reload changed nothing").hasSize(3);
    assertThat(call("{\"SystemShutdown\":{}}").toString()).isEqualTo("{\"Success\":{\"message\":\"shutting down\"}}");
    manager.awaitShutdown();
    assertThat(manager.list()).allSatisfy(s -> assertThat(s.state()).isIn(ServiceState.STOPPED, ServiceState.INACTIVE));
  }

  @Test
  void badRequests_getAJsonErrorAndNoStackTrace() throws Exception {
    List<String> failures = new ArrayList<>();
    for (String[] bad : new String[][] {
        {"{not json", "malformed request: not a JSON value"},
        {"[1,2]", "a request is an object with one member"},
        {"{\"Ping\":{},\"Pong\":{}}", "a request is an object with one member"},
        {"{\"Explode\":{}}", "unknown command 'Explode'"},
        {"{\"ServiceStart\":{\"name\":\"nothere\"}}", "no service named nothere"},
        {"{\"ServiceStart\":{\"name\":\"../etc\"}}", "name is 1 to 128"},
        {"{\"ServiceStart\":{}}", "name must be a string"},
        {"{\"ServiceStart\":{\"name\":\"web\",\"x\":1}}", "unknown argument 'x'"},
        {"{\"ServiceLogs\":{\"name\":\"web\",\"lines\":\"ten\"}}", "lines must be an integer"},
        {"{\"ServiceLogs\":{\"name\":\"web\",\"lines\":100000}}", "lines is 0 to 10000"},
        {"{\"ProcessStop\":{\"pid\":\"1\"}}", "pid must be an integer"},
        {"{\"ProcessStart\":{\"command\":\"\"}}", "command must be a non-empty string"},
        {"{\"ProcessStart\":{\"command\":\"/nonexistent/binary\"}}", "cannot start /nonexistent/binary"},
        {"{\"Ping\":[]}", "the arguments of 'Ping' must be an object"},
        {"{\"Ping\":\"" + "a".repeat(ControlServer.MAXIMUM_REQUEST) + "\"}", "request larger than 65536 bytes"}}) {
      String response = ControlClient.send(new ControlAddress.Unix(socket), bad[0]);
      JsonNode tree = JSON.readTree(response);
      String message = tree.path("Error").path("message").asString("");
      if (!message.contains(bad[1]) || response.contains("Exception") || response.contains("\tat ")) {
        failures.add(bad[0].substring(0, Math.min(60, bad[0].length())) + " -> " + response);
      }
    }
    assertThat(failures).isEmpty();
  }

  /** The seed's own usage: {@code echo '{"ListServices":{}}' | nc -U /run/init.sock}. */
  @Test
  void netcat_listServices_asTheSeedShows() throws Exception {
    assumeThat(onPath("nc")).as("nc (netcat-openbsd) is not installed").isTrue();
    Process nc = new ProcessBuilder("/bin/sh", "-c", "echo '{\"ListServices\":{}}' | nc -U " + socket).start();
    assertThat(nc.waitFor(10, TimeUnit.SECONDS)).as("nc ends when the server closes").isTrue();
    String out = new String(nc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(JSON.readTree(out).get("ServiceList").get("services")).hasSize(2);
  }

  /** SO_PEERCRED: another user reaching the socket (its mode widened on purpose) is refused. */
  @Test
  void otherUser_refusedByPeerCredentials() throws Exception {
    assumeThat(ProcessHandle.current().info().user().orElse("")).as("needs root to act as another user").isEqualTo("root");
    assumeThat(onPath("setpriv") && Files.isExecutable(Path.of("/usr/bin/python3")))
        .as("needs setpriv and /usr/bin/python3").isTrue();
    Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
    String client = "import socket; s = socket.socket(socket.AF_UNIX); s.connect('" + socket + "');"
        + " s.sendall(b'{\"Ping\":{}}\\n'); print(s.recv(4096).decode())";
    Process other = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-c", client)
        .redirectErrorStream(true).start();
    assertThat(other.waitFor(10, TimeUnit.SECONDS)).isTrue();
    String out = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(out).contains("permission denied").doesNotContain("Pong");
    assertThat(diagnostics).anySatisfy(line -> assertThat(line).contains("refused").contains("uid=65534"));
  }

  /** vsock to the boundary: the control server creates, binds and listens on AF_VSOCK (no vsock loopback here). */
  @Test
  void vsock_controlServer_bindsAndListens() throws Exception {
    assumeThat(Files.exists(Path.of("/dev/vsock"))).as("no /dev/vsock: this host has no vsock transport").isTrue();
    try (ControlServer vsock = ControlServer.start(
        new ControlAddress.Vsock(new VsockAddress(VsockAddress.CID_ANY, VsockAddress.PORT_ANY)),
        new ControlProtocol(manager, () -> {}), diagnostics::add)) {
      assertThat(((StreamAddress.Vsock) vsock.address()).address().port()).isNotEqualTo(VsockAddress.PORT_ANY);
    }
  }

  private JsonNode status(String name) throws IOException {
    return call("{\"ServiceStatus\":{\"name\":\"" + name + "\"}}").get("ServiceStatus");
  }

  private String logs(String name) {
    try {
      return call("{\"ServiceLogs\":{\"name\":\"" + name + "\",\"lines\":50}}").toString();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
