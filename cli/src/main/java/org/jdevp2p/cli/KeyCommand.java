package org.jdevp2p.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.node.Enode;
import org.jdevp2p.node.NodeId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Node keys: make one, show what follows from one. */
@Command(
    name = "key",
    mixinStandardHelpOptions = true,
    description = "Generate node keys and show their id, public key and enode URL.",
    subcommands = {KeyCommand.Generate.class, KeyCommand.Show.class})
final class KeyCommand {

  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description = "Write a new secp256k1 private key as hex (file mode 0600).")
  static final class Generate implements Runnable {
    @Spec CommandSpec spec;
    @Mixin Verbosity verbosity;

    @Option(
        names = "--out",
        paramLabel = "FILE",
        description = "Write the key here instead of printing it.")
    Path out;

    @Option(names = "--force", description = "Overwrite an existing --out file.")
    boolean force;

    @Override
    public void run() {
      PrivateKey key = PrivateKey.random();
      PrintWriter stdout = spec.commandLine().getOut();
      if (out == null) {
        stdout.println(key.bytes().toUnprefixedHexString());
        return;
      }
      try {
        KeyFiles.write(out, key, force);
      } catch (FileAlreadyExistsException e) {
        throw new CommandFailedException(out + " exists; pass --force to overwrite it");
      } catch (IOException e) {
        throw new CommandFailedException("cannot write " + out + ": " + e.getMessage());
      }
      stdout.println("wrote " + out + " (node id " + NodeId.of(key.publicKey()) + ")");
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Print the node id, public key and enode URL of a key file.")
  static final class Show implements Runnable {
    @Spec CommandSpec spec;
    @Mixin Verbosity verbosity;

    @Parameters(paramLabel = "FILE", description = "A file holding a private key as hex.")
    Path file;

    @Option(
        names = "--ip",
        defaultValue = "127.0.0.1",
        description = "IP for the enode URL (default: ${DEFAULT-VALUE}).")
    String ip;

    @Option(
        names = "--tcp",
        defaultValue = "30303",
        description = "TCP port (default: ${DEFAULT-VALUE}).")
    int tcp;

    @Option(names = "--udp", description = "UDP port, when it differs from --tcp.")
    Integer udp;

    @Override
    public void run() {
      PrivateKey key = KeyFiles.read(file);
      InetAddress address = Addresses.parse(ip);
      Enode enode = new Enode(key.publicKey(), address, tcp, udp == null ? tcp : udp);
      PrintWriter o = spec.commandLine().getOut();
      o.println("node id:    " + NodeId.of(key.publicKey()));
      o.println("public key: " + key.publicKey());
      o.println("enode:      " + enode);
    }
  }
}
