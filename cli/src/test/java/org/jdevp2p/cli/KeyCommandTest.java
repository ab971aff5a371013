package org.jdevp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.node.NodeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyCommandTest {
  @TempDir Path dir;

  @Test
  void generateWritesAKeyReadableByTheOwnerOnly() throws Exception {
    Path file = dir.resolve("node.key");
    Run run = Run.of("key", "generate", "--out", file.toString());
    assertThat(run.exitCode()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    PrivateKey key = KeyFiles.read(file);
    assertThat(run.out()).contains(NodeId.of(key.publicKey()).toString());
  }

  @Test
  void generateRefusesToOverwriteAnExistingFile() throws Exception {
    Path file = dir.resolve("node.key");
    Files.writeString(file, "precious");
    Run run = Run.of("key", "generate", "--out", file.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("--force");
    assertThat(Files.readString(file)).isEqualTo("precious");
  }

  @Test
  void generateWithForceOverwrites() throws Exception {
    Path file = dir.resolve("node.key");
    Files.writeString(file, "old");
    Run run = Run.of("key", "generate", "--out", file.toString(), "--force");
    assertThat(run.exitCode()).isZero();
    KeyFiles.read(file); // a valid key now
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void showPrintsTheNodeIdAndEnode() throws Exception {
    Path file = dir.resolve("eip778.key");
    Files.writeString(file, "b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291\n");
    Run run = Run.of("key", "show", file.toString(), "--ip", "127.0.0.1", "--tcp", "30303");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("a448f24c6d18e575453db13171562b71999873db5b286df957af199ec94617f7")
        .contains("@127.0.0.1:30303");
  }
}
