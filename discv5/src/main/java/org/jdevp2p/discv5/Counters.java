package org.jdevp2p.discv5;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** The {@link Metrics} of one node: written by its event loop, read by anyone. */
final class Counters implements Metrics {
  private final AtomicLongArray in = new AtomicLongArray(PacketKind.values().length);
  private final AtomicLongArray out = new AtomicLongArray(PacketKind.values().length);
  private final AtomicLongArray drops = new AtomicLongArray(DropReason.values().length);
  private final AtomicLongArray events = new AtomicLongArray(2);
  private final AtomicLongArray messagesIn = new AtomicLongArray(MESSAGE_TYPES);
  private final AtomicLongArray messagesOut = new AtomicLongArray(MESSAGE_TYPES);
  private volatile int sessions;
  private volatile int tableSize;
  private volatile int adsHeld;
  private volatile Map<String, Integer> activeRegistrations = Map.of();

  /** The message-type byte has 256 values. */
  private static final int MESSAGE_TYPES = 256;

  private static final int HANDSHAKES = 0;
  private static final int LOOKUPS = 1;

  void packetIn(PacketKind kind) {
    in.incrementAndGet(kind.ordinal());
  }

  void packetOut(PacketKind kind) {
    out.incrementAndGet(kind.ordinal());
  }

  void drop(DropReason reason) {
    drops.incrementAndGet(reason.ordinal());
  }

  void messageIn(int type) {
    messagesIn.incrementAndGet(type);
  }

  void messageOut(int type) {
    messagesOut.incrementAndGet(type);
  }

  void topicState(int adsHeld, Map<String, Integer> activeRegistrations) {
    this.adsHeld = adsHeld;
    this.activeRegistrations = Map.copyOf(activeRegistrations);
  }

  void handshake() {
    events.incrementAndGet(HANDSHAKES);
  }

  void lookup() {
    events.incrementAndGet(LOOKUPS);
  }

  void sizes(int sessions, int tableSize) {
    this.sessions = sessions;
    this.tableSize = tableSize;
  }

  @Override
  public long packetsIn(PacketKind kind) {
    return in.get(kind.ordinal());
  }

  @Override
  public long packetsOut(PacketKind kind) {
    return out.get(kind.ordinal());
  }

  @Override
  public long drops(DropReason reason) {
    return drops.get(reason.ordinal());
  }

  @Override
  public long messagesIn(int type) {
    return type < 0 || type >= MESSAGE_TYPES ? 0 : messagesIn.get(type);
  }

  @Override
  public long messagesOut(int type) {
    return type < 0 || type >= MESSAGE_TYPES ? 0 : messagesOut.get(type);
  }

  @Override
  public int adsHeld() {
    return adsHeld;
  }

  @Override
  public Map<String, Integer> activeRegistrations() {
    return activeRegistrations;
  }

  @Override
  public long handshakes() {
    return events.get(HANDSHAKES);
  }

  @Override
  public long lookups() {
    return events.get(LOOKUPS);
  }

  @Override
  public int sessions() {
    return sessions;
  }

  @Override
  public int tableSize() {
    return tableSize;
  }
}
