package org.jdevp2p.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option values from the environment and a properties file, for a daemon run by a service manager.
 * For an option {@code --metrics-addr} of command {@code bootnode}, in this order: the command
 * line, the environment variable {@code DEVP2P_METRICS_ADDR}, the property {@code
 * bootnode.metrics-addr} then {@code metrics-addr} of the config file, the built-in default. The
 * config file is {@code $DEVP2P_CONFIG}, else {@code ~/.jdevp2p/devp2p.properties} when it exists.
 */
final class Defaults implements IDefaultValueProvider {
  static final String ENV_PREFIX = "DEVP2P_";
  static final String CONFIG_ENV = "DEVP2P_CONFIG";

  private final Map<String, String> env;
  private final Properties file;

  Defaults(Map<String, String> env, Properties file) {
    this.env = Map.copyOf(env);
    this.file = file;
  }

  /**
   * The defaults of an environment and of its config file.
   *
   * @throws CommandFailedException if {@code $DEVP2P_CONFIG} names a file that cannot be read
   */
  static Defaults fromEnvironment(Map<String, String> env) {
    Path path =
        env.containsKey(CONFIG_ENV)
            ? Path.of(env.get(CONFIG_ENV))
            : Path.of(System.getProperty("user.home"), ".jdevp2p", "devp2p.properties");
    return new Defaults(env, load(path, env.containsKey(CONFIG_ENV)));
  }

  static Properties load(Path path, boolean required) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (NoSuchFileException e) {
      if (required) throw new CommandFailedException("no config file " + path);
    } catch (IOException e) {
      throw new CommandFailedException("cannot read config file " + path + ": " + e.getMessage());
    }
    return p;
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
      return null;
    }
    String name = option.longestName().replaceFirst("^-+", "");
    String fromEnv = env.get(envName(name));
    if (fromEnv != null) return fromEnv;
    String command = option.command() == null ? "" : option.command().name();
    return file.getProperty(command + "." + name, file.getProperty(name));
  }

  static String envName(String option) {
    return ENV_PREFIX + option.toUpperCase(Locale.ROOT).replace('-', '_');
  }
}
