package org.jdevp2p.rlpx;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The message-id layout of one connection: which shared capability owns which ids. Built from our
 * registrations and the peer's Hello the way geth's matchProtocols does it: a capability is shared
 * when both sides name the same name and version; of several shared versions of one name only the
 * highest counts; the shared capabilities take consecutive id ranges from 0x10 up, in alphabetical
 * order of their names.
 */
final class CapabilityMux {

  /** A capability we run and the handler that runs it. */
  record Registration(Capability capability, CapabilityHandler handler) {}

  /** A shared capability and the first id of its range. */
  record Route(Capability capability, CapabilityHandler handler, int offset) {
    boolean owns(int code) {
      return code >= offset && code < offset + capability.messageCount();
    }
  }

  private final List<Route> routes;

  private CapabilityMux(List<Route> routes) {
    this.routes = List.copyOf(routes);
  }

  static CapabilityMux match(List<Registration> ours, List<Hello.Cap> theirs) {
    Set<Hello.Cap> offered = new HashSet<>(theirs);
    TreeMap<String, Registration> highest = new TreeMap<>(Capability.NAME_ORDER);
    for (Registration r : ours) {
      if (!offered.contains(r.capability().cap())) continue;
      highest.merge(
          r.capability().name(),
          r,
          (a, b) -> a.capability().version() >= b.capability().version() ? a : b);
    }
    List<Route> routes = new ArrayList<>();
    int offset = P2pMessage.BASE_PROTOCOL_LENGTH;
    for (Registration r : highest.values()) {
      routes.add(new Route(r.capability(), r.handler(), offset));
      offset += r.capability().messageCount();
    }
    return new CapabilityMux(routes);
  }

  boolean isEmpty() {
    return routes.isEmpty();
  }

  List<Route> routes() {
    return routes;
  }

  List<Capability> capabilities() {
    return routes.stream().map(Route::capability).toList();
  }

  /** The capability that owns this absolute id, or null when none does. */
  Route route(int code) {
    for (Route r : routes) {
      if (r.owns(code)) return r;
    }
    return null;
  }

  /** The absolute id of a capability's relative code. */
  int absoluteCode(Capability capability, int code) {
    for (Route r : routes) {
      if (r.capability().equals(capability)) {
        if (code < 0 || code >= capability.messageCount()) {
          throw new IllegalArgumentException(
              "code "
                  + code
                  + " is outside "
                  + capability
                  + " ("
                  + capability.messageCount()
                  + ")");
        }
        return r.offset() + code;
      }
    }
    throw new IllegalArgumentException(capability + " is not shared with this peer");
  }

  /** Orders registrations as they are listed in our Hello: by name, then version. */
  static final Comparator<Registration> HELLO_ORDER =
      Comparator.comparing((Registration r) -> r.capability().name(), Capability.NAME_ORDER)
          .thenComparingInt(r -> r.capability().version());
}
