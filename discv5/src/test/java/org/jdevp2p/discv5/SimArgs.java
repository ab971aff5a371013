package org.jdevp2p.discv5;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code name=value} arguments of a simulation's main: each read once with its default, then
 * {@link #done()} rejects any name nobody read (a typo would otherwise run the defaults).
 */
final class SimArgs {
  private final Map<String, String> values = new HashMap<>();

  SimArgs(String[] args) {
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      if (kv.length != 2) throw new IllegalArgumentException("not name=value: " + arg);
      values.put(kv[0], kv[1]);
    }
  }

  int integer(String name, int otherwise) {
    String v = values.remove(name);
    return v == null ? otherwise : Integer.parseInt(v);
  }

  long longInteger(String name, long otherwise) {
    String v = values.remove(name);
    return v == null ? otherwise : Long.parseLong(v);
  }

  /** A constant of {@code type}, named in any case ({@code network} for {@code NETWORK}). */
  <E extends Enum<E>> E constant(String name, Class<E> type, E otherwise) {
    String v = values.remove(name);
    return v == null ? otherwise : Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
  }

  double real(String name, double otherwise) {
    String v = values.remove(name);
    return v == null ? otherwise : Double.parseDouble(v);
  }

  /** Fails if an argument was given that no one read. */
  void done() {
    if (!values.isEmpty())
      throw new IllegalArgumentException("unknown arguments " + values.keySet());
  }
}
