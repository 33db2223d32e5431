package dev.castellan.cli.broker;

import dev.castellan.cli.CliException;
import dev.castellan.cli.ErrorKind;
import dev.castellan.cli.InputFile;
import dev.castellan.keys.broker.KeyIds;
import dev.castellan.keys.broker.KeyPolicy;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code castellan broker key create|show|policy|lock|delete KEY}: administration of a running
 * broker's keys over HTTP(S) (docs/broker.md, "CLI"). Each prints the broker's JSON answer.
 * Administration never decrypts or releases: those need evidence, not a token.
 */
@Command(
    name = "key",
    mixinStandardHelpOptions = true,
    description = "Administer a broker's keys: create, show, policy (replace), lock (irreversible), delete.",
    subcommands = {BrokerKeyCommand.Create.class, BrokerKeyCommand.Show.class, BrokerKeyCommand.Policy.class,
        BrokerKeyCommand.Lock.class, BrokerKeyCommand.Delete.class})
public final class BrokerKeyCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a key subcommand is required (create, show, policy, lock, delete)");
  }

  /** What every key subcommand has: the key id and the connection. */
  abstract static class KeyAction implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin BrokerConnection broker;

    @Parameters(index = "0", paramLabel = "KEY", description = "The key id: 1 to 64 characters of [a-z0-9._-].")
    String keyId;

    String path() throws CliException {
      if (!KeyIds.valid(keyId)) {
        throw new CliException(ErrorKind.USAGE, "a key id is 1 to 64 characters of [a-z0-9._-], starting with a letter or digit");
      }
      return "/v1/broker/keys/" + keyId;
    }

    static byte[] policy(Path file) throws java.io.IOException {
      return InputFile.read("policy", file, KeyPolicy.MAX_BYTES);
    }

    Integer print(String json) {
      spec.commandLine().getOut().println(json);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create KEY with fresh key material and the policy in FILE.")
  static final class Create extends KeyAction {
    @Option(names = "--policy", required = true, paramLabel = "FILE", description = "The key policy (JSON, docs/broker.md).")
    Path policyFile;

    @Override
    public Integer call() throws Exception {
      return print(broker.send("POST", path(), policy(policyFile), true));
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show KEY's policy, its digest and whether it is locked (public).")
  static final class Show extends KeyAction {
    @Override
    public Integer call() throws Exception {
      return print(broker.send("GET", path(), null, false));
    }
  }

  @Command(name = "policy", mixinStandardHelpOptions = true, description = "Replace KEY's policy with the one in FILE (refused once locked).")
  static final class Policy extends KeyAction {
    @Option(names = "--policy", required = true, paramLabel = "FILE", description = "The new key policy (JSON).")
    Path policyFile;

    @Override
    public Integer call() throws Exception {
      return print(broker.send("PUT", path() + "/policy", policy(policyFile), true));
    }
  }

  @Command(name = "lock", mixinStandardHelpOptions = true,
      description = "Lock KEY irreversibly: its policy can never change again and it cannot be deleted.")
  static final class Lock extends KeyAction {
    @Override
    public Integer call() throws Exception {
      return print(broker.send("POST", path() + "/lock", null, true));
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete KEY and its material (refused once locked).")
  static final class Delete extends KeyAction {
    @Override
    public Integer call() throws Exception {
      return print(broker.send("DELETE", path(), null, true));
    }
  }
}
