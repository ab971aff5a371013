package org.jdevp2p.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jdevp2p.discv5.Discovery;
import org.jdevp2p.discv5.TableListener;
import org.jdevp2p.discv5.db.NodeDatabase;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running bootnode: the discovery node, its node database and its metrics, and the work that ties
 * them together. The table's changes go to the database on a thread of their own (the discovery
 * loop must never wait for a disk); the database and our record's sequence number are persisted
 * periodically and on {@link #close}.
 */
final class Bootnode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Bootnode.class);

  /**
   * How often the table is copied to the database and committed. MVStore also commits on its own
   * about every second; this adds the liveness of long-lived table members, whose PONGs during
   * revalidation do not pass through the table listener.
   */
  static final Duration PERSIST_INTERVAL = Duration.ofSeconds(30);

  /** Table events waiting for the database thread; beyond this they are dropped (harmless). */
  static final int MAX_PENDING_WRITES = 10_000;

  /** How long close() waits for the last database writes. */
  static final Duration WRITE_DRAIN_TIMEOUT = Duration.ofSeconds(2);

  /** How long close() waits for the table snapshot from the discovery loop. */
  static final Duration SNAPSHOT_TIMEOUT = Duration.ofSeconds(1);

  /**
   * When seeds (and bootnodes) not yet in the table are PINGed again: discovery PINGs them once at
   * start and a lost datagram would otherwise leave a seed out until the next refresh, 30 minutes
   * later.
   */
  static final List<Duration> SEED_RETRIES =
      List.of(Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(45));

  private final Discovery discovery;
  private final NodeDatabase db;
  private final ThreadPoolExecutor writer;
  private final ScheduledExecutorService persister;
  private final List<AutoCloseable> extras = new ArrayList<>();
  private volatile boolean running = true;

  Bootnode(Discovery discovery, NodeDatabase db, List<NodeRecord> seeds) {
    this.discovery = discovery;
    this.db = db;
    this.writer =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(MAX_PENDING_WRITES),
            r -> daemon(r, "nodedb-writer"),
            new ThreadPoolExecutor.DiscardPolicy());
    this.persister = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "nodedb-persist"));
    discovery.addTableListener(
        new TableListener() {
          @Override
          public void nodeAdded(NodeRecord node) {
            writer.execute(() -> db.pongReceived(node));
          }

          @Override
          public void nodeRemoved(NodeRecord node) {
            writer.execute(() -> db.failed(node.nodeId()));
          }
        });
    db.storeLocalSeq(discovery.localRecord().seq());
    db.flush();
    long every = PERSIST_INTERVAL.toMillis();
    persister.scheduleWithFixedDelay(this::persist, every, every, TimeUnit.MILLISECONDS);
    for (Duration d : SEED_RETRIES) {
      persister.schedule(() -> pingMissing(seeds), d.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void pingMissing(List<NodeRecord> seeds) {
    discovery
        .tableNodes()
        .thenAccept(
            table -> {
              Set<NodeId> present = new HashSet<>();
              table.forEach(r -> present.add(r.nodeId()));
              seeds.stream()
                  .filter(s -> !present.contains(s.nodeId()))
                  .forEach(s -> discovery.ping(s).exceptionally(e -> null));
            });
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  Discovery discovery() {
    return discovery;
  }

  NodeDatabase database() {
    return db;
  }

  boolean running() {
    return running;
  }

  /** Closed with the node, before the database. */
  void closeWith(AutoCloseable resource) {
    extras.add(resource);
  }

  /** Copies the table and our sequence number to the database and commits. */
  private void persist() {
    try {
      List<NodeRecord> table =
          discovery.tableNodes().get(SNAPSHOT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      writer.execute(
          () -> {
            table.forEach(db::pongReceived);
            db.storeLocalSeq(discovery.localRecord().seq());
            db.flush();
          });
    } catch (Exception e) {
      LOG.warn("could not persist the table: {}", e.toString());
    }
  }

  /** Persists, stops the node and closes the database; bounded by a few seconds. Idempotent. */
  @Override
  public synchronized void close() {
    if (!running) return;
    running = false;
    LOG.info("stopping: saving {} table nodes", discovery.metrics().tableSize());
    persister.shutdownNow();
    persist();
    for (AutoCloseable c : extras.reversed()) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("close failed: {}", e.toString());
      }
    }
    discovery.close();
    writer.shutdown();
    try {
      if (!writer.awaitTermination(WRITE_DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("node database writes still pending after {}", WRITE_DRAIN_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    db.storeLocalSeq(discovery.localRecord().seq());
    int stored = db.size();
    db.close();
    LOG.info("stopped; node database has {} nodes", stored);
  }
}
