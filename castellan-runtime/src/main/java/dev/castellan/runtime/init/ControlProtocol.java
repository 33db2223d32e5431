package dev.castellan.runtime.init;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON-RPC control commands of seed 003's enclave-init, one request to one response, in
 * the seed's shape: an object with one member named after the command, whose value holds the
 * arguments ({@code {"ServiceStart":{"name":"nats"}}}; {@code "Ping"} and {@code {"Ping":{}}}
 * alike). Responses have the same shape ({@code {"Pong":{}}}, {@code {"Error":{"message":...}}});
 * docs/runtime-init.md lists them all.
 *
 * <p>Security: the request is parsed strictly (unknown commands and members refused, names
 * bounded); a malformed request gets a fixed error, never the parser's message or a stack
 * trace. Who may send requests is the {@link ControlServer}'s concern.
 */
public final class ControlProtocol {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,127}");
  private static final int MAXIMUM_ARGUMENTS = 1024;

  private final ServiceManager manager;
  private final Runnable shutdown;

  /** Commands for {@code manager}; SystemShutdown runs {@code shutdown} after answering. */
  public ControlProtocol(ServiceManager manager, Runnable shutdown) {
    this.manager = manager;
    this.shutdown = shutdown;
  }

  /** What {@link #handle} returns: the response, and whether the manager is to shut down after sending it. */
  public record Reply(String json, boolean shutdown) {}

  /** The response to one request (UTF-8 JSON text, without a trailing newline). */
  public Reply handle(String request) {
    JsonNode tree;
    try {
      tree = JSON.readTree(request);
    } catch (JacksonException e) {
      return new Reply(error("malformed request: not a JSON value"), false);
    }
    String command;
    JsonNode arguments;
    if (tree != null && tree.isString()) {
      command = tree.asString();
      arguments = JSON.createObjectNode();
    } else if (tree != null && tree.isObject() && tree.size() == 1) {
      command = tree.propertyNames().iterator().next();
      arguments = tree.get(command);
      if (arguments.isNull()) {
        arguments = JSON.createObjectNode();
      }
      if (!arguments.isObject()) {
        return new Reply(error("the arguments of " + printable(command) + " must be an object"), false);
      }
    } else {
      return new Reply(error("a request is an object with one member, the command: {\"Ping\":{}}"), false);
    }
    try {
      return dispatch(command, (ObjectNode) arguments);
    } catch (InitException e) {
      return new Reply(error(e.getMessage()), false);
    }
  }

  private Reply dispatch(String command, ObjectNode arguments) throws InitException {
    switch (command) {
      case "Ping" -> {
        only(arguments);
        return ok(wrap("Pong", JSON.createObjectNode()));
      }
      case "ListServices", "ServiceList" -> {
        only(arguments);
        ArrayNode services = JSON.createArrayNode();
        manager.list().forEach(status -> services.add(status(status)));
        ObjectNode body = JSON.createObjectNode();
        body.set("services", services);
        return ok(wrap("ServiceList", body));
      }
      case "ServiceStatus" -> {
        return ok(wrap("ServiceStatus", status(manager.status(onlyName(arguments)))));
      }
      case "ServiceStart" -> {
        return act(arguments, manager::start, "started");
      }
      case "ServiceStop" -> {
        return act(arguments, manager::stop, "stopped");
      }
      case "ServiceRestart" -> {
        return act(arguments, manager::restart, "restarted");
      }
      case "ServiceEnable" -> {
        return act(arguments, manager::enable, "enabled");
      }
      case "ServiceDisable" -> {
        return act(arguments, manager::disable, "disabled");
      }
      case "ServiceLogs" -> {
        only(arguments, "name", "lines");
        String name = name(arguments);
        int lines = 100;
        if (arguments.has("lines")) {
          JsonNode value = arguments.get("lines");
          if (!value.canConvertToInt()) {
            throw new InitException("lines must be an integer");
          }
          lines = value.asInt();
        }
        ArrayNode out = JSON.createArrayNode();
        manager.logs(name, lines).forEach(out::add);
        ObjectNode body = JSON.createObjectNode();
        body.put("name", name);
        body.set("lines", out);
        return ok(wrap("ServiceLogs", body));
      }
      case "ProcessList" -> {
        only(arguments);
        ArrayNode processes = JSON.createArrayNode();
        for (ManagedProcess process : manager.processes()) {
          ObjectNode p = JSON.createObjectNode();
          p.put("pid", process.pid());
          ArrayNode argv = JSON.createArrayNode();
          process.command().forEach(argv::add);
          p.set("command", argv);
          if (process.service().isPresent()) {
            p.put("service", process.service().get());
          } else {
            p.putNull("service");
          }
          p.put("alive", process.alive());
          processes.add(p);
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("processes", processes);
        return ok(wrap("ProcessList", body));
      }
      case "ProcessStart" -> {
        only(arguments, "command", "args", "env");
        JsonNode program = arguments.get("command");
        if (program == null || !program.isString() || program.asString().isEmpty()) {
          throw new InitException("command must be a non-empty string");
        }
        long pid = manager.processStart(program.asString(), strings(arguments.get("args"), "args"),
            environment(arguments.get("env")));
        ObjectNode body = JSON.createObjectNode();
        body.put("pid", pid);
        return ok(wrap("ProcessStarted", body));
      }
      case "ProcessStop" -> {
        only(arguments, "pid");
        JsonNode pid = arguments.get("pid");
        if (pid == null || !pid.canConvertToLong() || !pid.isIntegralNumber()) {
          throw new InitException("pid must be an integer");
        }
        manager.processStop(pid.asLong());
        return success("process " + pid.asLong() + " stopped");
      }
      case "SystemStatus" -> {
        only(arguments);
        SystemStatus status = manager.systemStatus();
        ObjectNode body = JSON.createObjectNode();
        body.put("pid", status.pid());
        body.put("pid1", status.pid1());
        body.put("uptime_seconds", status.uptime().toSeconds());
        body.put("services", status.services());
        body.put("running", status.running());
        body.put("failed", status.failed());
        body.put("processes", status.processes());
        body.put("orphans_reaped", status.orphansReaped());
        return ok(wrap("SystemStatus", body));
      }
      case "SystemReload" -> {
        only(arguments);
        manager.reload();
        return success("units reloaded");
      }
      case "SystemShutdown" -> {
        only(arguments);
        return new Reply(wrap("Success", message("shutting down")).toString(), true);
      }
      default -> throw new InitException("unknown command " + printable(command));
    }
  }

  /** One of the ServiceManager's actions on a named service. */
  private interface ServiceAction {
    void apply(String name) throws InitException;
  }

  private static Reply act(ObjectNode arguments, ServiceAction action, String done) throws InitException {
    String name = onlyName(arguments);
    action.apply(name);
    return success("service " + name + " " + done);
  }

  /** Runs the shutdown a SystemShutdown reply asked for; call after the reply is sent. */
  public void shutdown() {
    shutdown.run();
  }

  private static ObjectNode status(ServiceStatus status) {
    ObjectNode s = JSON.createObjectNode();
    s.put("name", status.name());
    s.put("state", status.state().value());
    s.put("enabled", status.enabled());
    if (status.pid().isPresent()) {
      s.put("pid", status.pid().getAsLong());
    } else {
      s.putNull("pid");
    }
    s.put("restarts", status.restarts());
    if (status.lastExitCode().isPresent()) {
      s.put("exit_code", status.lastExitCode().getAsInt());
    } else {
      s.putNull("exit_code");
    }
    if (status.startedAt().isPresent()) {
      s.put("started_at", DateTimeFormatter.ISO_INSTANT.format(status.startedAt().get()));
    } else {
      s.putNull("started_at");
    }
    s.put("restart", status.restart().value());
    ArrayNode command = JSON.createArrayNode();
    status.execStart().forEach(command::add);
    s.set("exec_start", command);
    return s;
  }

  /** The {@code name} argument, the only one allowed. */
  private static String onlyName(ObjectNode arguments) throws InitException {
    only(arguments, "name");
    return name(arguments);
  }

  private static String name(ObjectNode arguments) throws InitException {
    JsonNode name = arguments.get("name");
    if (name == null || !name.isString()) {
      throw new InitException("name must be a string");
    }
    String value = name.asString();
    if (!NAME.matcher(value).matches()) {
      throw new InitException("name is 1 to 128 letters, digits and _.@-");
    }
    return value;
  }

  private static List<String> strings(JsonNode node, String field) throws InitException {
    List<String> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray() || node.size() > MAXIMUM_ARGUMENTS) {
      throw new InitException(field + " must be an array of at most " + MAXIMUM_ARGUMENTS + " strings");
    }
    for (JsonNode item : node) {
      if (!item.isString()) {
        throw new InitException(field + " must be an array of strings");
      }
      out.add(item.asString());
    }
    return out;
  }

  /** {@code env} as an object of strings or an array of {@code NAME=value}. */
  private static Map<String, String> environment(JsonNode node) throws InitException {
    Map<String, String> out = new LinkedHashMap<>();
    if (node != null && node.isObject()) {
      for (var entry : node.properties()) {
        if (!entry.getValue().isString()) {
          throw new InitException("env values must be strings");
        }
        out.put(entry.getKey(), entry.getValue().asString());
      }
      return out;
    }
    for (String variable : strings(node, "env")) {
      int equals = variable.indexOf('=');
      if (equals <= 0) {
        throw new InitException("an env entry is NAME=value");
      }
      out.put(variable.substring(0, equals), variable.substring(equals + 1));
    }
    return out;
  }

  private static void only(ObjectNode arguments, String... allowed) throws InitException {
    Set<String> names = Set.of(allowed);
    Iterator<String> fields = arguments.propertyNames().iterator();
    while (fields.hasNext()) {
      String field = fields.next();
      if (!names.contains(field)) {
        throw new InitException("unknown argument " + printable(field));
      }
    }
  }

  private static ObjectNode wrap(String name, ObjectNode body) {
    ObjectNode out = JSON.createObjectNode();
    out.set(name, body);
    return out;
  }

  private static ObjectNode message(String text) {
    ObjectNode body = JSON.createObjectNode();
    body.put("message", text);
    return body;
  }

  private static Reply ok(ObjectNode response) {
    return new Reply(response.toString(), false);
  }

  private static Reply success(String text) {
    return ok(wrap("Success", message(text)));
  }

  /** The error response for {@code text}. */
  static String error(String text) {
    return wrap("Error", message(text)).toString();
  }

  /** A client-supplied word for a message: at most 64 printable ASCII characters. */
  private static String printable(String word) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < word.length() && out.length() < 64; i++) {
      char c = word.charAt(i);
      out.append(c >= 0x20 && c < 0x7F ? c : '?');
    }
    return String.format(Locale.ROOT, "'%s'", out);
  }
}
