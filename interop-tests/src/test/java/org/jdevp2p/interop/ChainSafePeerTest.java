package org.jdevp2p.interop;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ChainSafe harness fails a test outright, never skips it, when its packages are missing. */
class ChainSafePeerTest {

  @Test
  void startingWithoutTheNpmPackagesFailsAndSaysHowToInstallThem(@TempDir Path emptyDir) {
    assertThatThrownBy(() -> ChainSafePeer.start(emptyDir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("@chainsafe/discv5 is not installed")
        .hasMessageContaining("npm ci");
  }

  @Test
  void runningWithoutTheJsDirectoryPropertyFailsAndNamesIt() {
    String saved = System.clearProperty(ChainSafePeer.JS_DIR_PROPERTY);
    try {
      assertThatThrownBy(ChainSafePeer::jsDir)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(ChainSafePeer.JS_DIR_PROPERTY);
    } finally {
      if (saved != null) {
        System.setProperty(ChainSafePeer.JS_DIR_PROPERTY, saved);
      }
    }
  }
}
