package dev.castellan.cli.runtime;

import dev.castellan.cli.CliException;
import dev.castellan.cli.ErrorKind;
import dev.castellan.runtime.init.ControlAddress;
import dev.castellan.runtime.init.ControlClient;
import dev.castellan.transport.VsockAddress;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code castellan runtime ctl}: one control request to a running {@code castellan runtime init}. */
@Command(
    name = "ctl",
    mixinStandardHelpOptions = true,
    description = {
      "Send one control command to the service manager and print the answer.",
      "",
      "COMMAND is a seed name (Ping, ListServices, ServiceStatus, ServiceStart, ServiceStop,",
      "ServiceRestart, ServiceEnable, ServiceDisable, ServiceLogs, ProcessList, ProcessStart,",
      "ProcessStop, SystemStatus, SystemReload, SystemShutdown) or its short form (ping, list,",
      "status, start, stop, restart, enable, disable, logs, ps, run, kill, system, reload,",
      "shutdown). Service commands take a NAME, ProcessStop a PID, ProcessStart a PROGRAM and",
      "its arguments (after --)."
    })
public final class RuntimeCtlCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> SHORT = Map.ofEntries(
      Map.entry("ping", "Ping"), Map.entry("list", "ListServices"), Map.entry("status", "ServiceStatus"),
      Map.entry("start", "ServiceStart"), Map.entry("stop", "ServiceStop"), Map.entry("restart", "ServiceRestart"),
      Map.entry("enable", "ServiceEnable"), Map.entry("disable", "ServiceDisable"), Map.entry("logs", "ServiceLogs"),
      Map.entry("ps", "ProcessList"), Map.entry("run", "ProcessStart"), Map.entry("kill", "ProcessStop"),
      Map.entry("system", "SystemStatus"), Map.entry("reload", "SystemReload"), Map.entry("shutdown", "SystemShutdown"));

  @Spec CommandSpec spec;

  @Option(names = "--control", paramLabel = "ADDR", required = true,
      description = "The init's control socket: unix:PATH or vsock:CID:PORT.")
  String control;

  @Option(names = "--lines", paramLabel = "N", defaultValue = "100", description = "Lines for ServiceLogs (default: 100).")
  int lines;

  @Option(names = "--env", paramLabel = "NAME=VALUE", description = "Environment for ProcessStart; repeatable.")
  List<String> env = new ArrayList<>();

  @Option(names = "--json", description = "Print the raw JSON response.")
  boolean json;

  @Parameters(index = "0", paramLabel = "COMMAND", description = "The command (see above).")
  String command;

  @Parameters(index = "1..*", paramLabel = "ARG", description = "NAME, PID, or PROGRAM [ARGS...].")
  List<String> arguments = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    ControlAddress address;
    try {
      address = ControlAddress.parse(control);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (address instanceof ControlAddress.Vsock vsock && vsock.address().cid() == VsockAddress.CID_ANY) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "ctl connects to a vsock control socket as vsock:CID:PORT (the enclave's CID), not " + control);
    }
    String name = SHORT.getOrDefault(command.toLowerCase(Locale.ROOT), command);
    String request = JSON.writeValueAsString(request(name));
    String response;
    try {
      response = ControlClient.send(address, request);
    } catch (IOException e) {
      throw new CliException(ErrorKind.NETWORK, "cannot reach the control socket " + address + ": " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    JsonNode tree;
    try {
      tree = JSON.readTree(response);
    } catch (RuntimeException e) {
      throw new CliException(ErrorKind.NETWORK, "the control socket answered something that is not JSON");
    }
    boolean failed = tree.has("Error");
    if (json) {
      out.println(response);
      out.flush();
      return failed ? ErrorKind.FAILURE : 0;
    }
    if (failed) {
      throw new CliException(ErrorKind.OPERATION, tree.get("Error").path("message").asString("the request failed"));
    }
    HumanOutput.print(tree, out);
    out.flush();
    return 0;
  }

  private ObjectNode request(String name) {
    ObjectNode body = JSON.createObjectNode();
    switch (name) {
      case "ServiceStatus", "ServiceStart", "ServiceStop", "ServiceRestart", "ServiceEnable", "ServiceDisable" ->
          body.put("name", one(name, "NAME"));
      case "ServiceLogs" -> {
        body.put("name", one(name, "NAME"));
        body.put("lines", lines);
      }
      case "ProcessStop" -> {
        try {
          body.put("pid", Long.parseLong(one(name, "PID")));
        } catch (NumberFormatException e) {
          throw new CommandLine.ParameterException(spec.commandLine(), "ProcessStop takes a numeric PID");
        }
      }
      case "ProcessStart" -> {
        if (arguments.isEmpty()) {
          throw new CommandLine.ParameterException(spec.commandLine(), "ProcessStart takes a PROGRAM [ARGS...]");
        }
        body.put("command", arguments.getFirst());
        arguments.subList(1, arguments.size()).forEach(body.putArray("args")::add);
        ObjectNode environment = body.putObject("env");
        for (String variable : env) {
          int equals = variable.indexOf('=');
          if (equals <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--env takes NAME=VALUE");
          }
          environment.put(variable.substring(0, equals), variable.substring(equals + 1));
        }
      }
      default -> {
        if (!arguments.isEmpty()) {
          throw new CommandLine.ParameterException(spec.commandLine(), name + " takes no arguments");
        }
      }
    }
    ObjectNode request = JSON.createObjectNode();
    request.set(name, body);
    return request;
  }

  private String one(String name, String what) {
    if (arguments.size() != 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), name + " takes one " + what);
    }
    return arguments.getFirst();
  }
}
