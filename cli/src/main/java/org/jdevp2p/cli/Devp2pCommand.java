package org.jdevp2p.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The devp2p command line: the bootnode daemon and the devp2p toolbox. */
@Command(
    name = "devp2p",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Ethereum devp2p in Java: RLPx, discv5, ENR, eth peers.",
    subcommands = {
      BootnodeCommand.class,
      NodeCommand.class,
      DevnetCommand.class,
      Discv5Command.class,
      NodesetCommand.class,
      KeyCommand.class,
      EnrCommand.class,
      ForkIdCommand.class,
      RlpxCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:the operation failed (bad input, a peer that did not answer, a record that does not"
          + " verify)",
      "2:the command line was wrong (unknown option, missing argument)"
    })
public final class Devp2pCommand {

  public static void main(String[] args) {
    System.exit(execute(args, System.getenv(), new PrintWriter(System.err, true)));
  }

  /**
   * Runs a command with the option defaults of {@code env}; a config file that cannot be read fails
   * like a command does: one line on {@code err}, exit code 1.
   */
  static int execute(String[] args, Map<String, String> env, PrintWriter err) {
    Defaults defaults;
    try {
      defaults = Defaults.fromEnvironment(env);
    } catch (CommandFailedException e) {
      err.println("devp2p: " + e.getMessage());
      return Failures.FAILED;
    }
    return commandLine(defaults).execute(args);
  }

  /**
   * The configured command line with this process's defaults, as {@link #main} runs it. Public so
   * that interop-tests can run the toolbox against peers of other implementations, whose harnesses
   * live in their own package.
   */
  public static CommandLine commandLine() {
    return commandLine(Defaults.fromEnvironment(System.getenv()));
  }

  private static CommandLine commandLine(Defaults defaults) {
    CommandLine cli = new CommandLine(new Devp2pCommand());
    // Arguments are taken literally. Commands that read a file say so (enr decode ENR|@FILE);
    // picocli's own @file expansion would split the file into arguments and pass an unreadable
    // @file on as a literal argument.
    cli.setExpandAtFiles(false);
    cli.setExecutionExceptionHandler(new Failures());
    cli.setDefaultValueProvider(defaults);
    return cli;
  }
}
