package org.jdevp2p.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.jdevp2p.crypto.InvalidKeyException;
import org.jdevp2p.crypto.PrivateKey;

/** Node key files: one line of hex, readable by the owner only. */
final class KeyFiles {
  private KeyFiles() {}

  static PrivateKey read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new CommandFailedException("no key file " + file);
    } catch (IOException e) {
      throw new CommandFailedException("cannot read " + file + ": " + e.getMessage());
    }
    try {
      return PrivateKey.fromHex(text);
    } catch (InvalidKeyException e) {
      throw new CommandFailedException(file + " holds no valid key: " + e.getMessage());
    }
  }

  /**
   * Writes the key with mode 0600 from the start (a temporary file created with that mode, then
   * renamed), so it is never readable by others, not even for a moment.
   */
  static void write(Path file, PrivateKey key, boolean overwrite) throws IOException {
    if (!overwrite && Files.exists(file)) throw new FileAlreadyExistsException(file.toString());
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp =
        Files.createTempFile(
            dir,
            ".nodekey",
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(tmp, key.bytes().toUnprefixedHexString() + "\n", StandardCharsets.US_ASCII);
      if (overwrite) {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } else {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
