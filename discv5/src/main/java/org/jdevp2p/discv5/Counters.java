package org.jdevp2p.discv5;

import java.util.concurrent.atomic.AtomicLongArray;

/** The {@link Metrics} of one node: written by its event loop, read by anyone. */
final class Counters implements Metrics {
  private final AtomicLongArray in = new AtomicLongArray(PacketKind.values().length);
  private final AtomicLongArray out = new AtomicLongArray(PacketKind.values().length);
  private final AtomicLongArray drops = new AtomicLongArray(DropReason.values().length);
  private final AtomicLongArray events = new AtomicLongArray(2);
  private volatile int sessions;
  private volatile int tableSize;

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
