package org.jdevp2p.crypto;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses the {@link Secp256k1} backend once per JVM, on first use. */
final class Backends {
  private static final Logger LOG = LoggerFactory.getLogger(Secp256k1.class);

  private Backends() {}

  /** The native backend, or why it could not load. */
  private static final class Native {
    static final LibSecp256k1 INSTANCE;
    static final Throwable FAILURE;

    static {
      LibSecp256k1 loaded = null;
      Throwable failure = null;
      try {
        loaded = LibSecp256k1.load();
      } catch (LinkageError | RuntimeException e) {
        failure = e;
      }
      INSTANCE = loaded;
      FAILURE = failure;
    }
  }

  private static final class Selected {
    static final Secp256k1 INSTANCE = select(System.getProperty(Secp256k1.BACKEND_PROPERTY, ""));
  }

  static Secp256k1 selected() {
    return Selected.INSTANCE;
  }

  static Secp256k1 nativeLibrary() {
    if (Native.INSTANCE == null) {
      throw new UnsupportedOperationException(
          "libsecp256k1 did not load: " + Native.FAILURE, Native.FAILURE);
    }
    return Native.INSTANCE;
  }

  /** The backend for a value of {@link Secp256k1#BACKEND_PROPERTY} ("" when unset). */
  static Secp256k1 select(String wanted) {
    if (wanted.equalsIgnoreCase(BouncyCastleSecp256k1.INSTANCE.name())) {
      LOG.debug("secp256k1 backend: bouncycastle (forced by -D{})", Secp256k1.BACKEND_PROPERTY);
      return BouncyCastleSecp256k1.INSTANCE;
    }
    if (Native.INSTANCE != null) {
      LOG.debug("secp256k1 backend: libsecp256k1 (native)");
      return Native.INSTANCE;
    }
    LOG.debug("secp256k1 backend: bouncycastle, libsecp256k1 did not load: {}", Native.FAILURE);
    return BouncyCastleSecp256k1.INSTANCE;
  }
}
