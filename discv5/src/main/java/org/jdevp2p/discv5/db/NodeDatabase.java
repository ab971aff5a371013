package org.jdevp2p.discv5.db;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes a discovery node has seen, kept in one file across restarts, like geth's {@code
 * enode.DB}: each node's newest record, its last PONG and its failures, plus our own record's
 * sequence number so a restarted node never goes back to a lower one.
 *
 * <p>The store is H2's MVStore rather than a file format of our own: it is append-only and
 * log-structured, every chunk carries a checksum, and on open it falls back to the last chunk that
 * was written completely. A process killed mid-write therefore loses at most the changes since the
 * last commit (the store commits in the background about every second, and on {@link #flush}) and
 * never finds a corrupt database. Thread-safe: the discovery loop writes while a metrics or
 * shutdown thread reads.
 */
public final class NodeDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeDatabase.class);

  /** geth's {@code seedCount}: how many nodes a restarted node starts from. */
  public static final int DEFAULT_SEED_COUNT = 30;

  /** geth's {@code seedMaxAge}: a node silent for longer than 5 days is no seed. */
  public static final Duration DEFAULT_SEED_MAX_AGE = Duration.ofDays(5);

  /**
   * Nodes kept: about 25 k, several times what a crawl of mainnet's discv5 finds live, so a
   * bootnode remembers the whole network; at under 400 bytes a node that is under 10 MB on disk.
   */
  public static final int DEFAULT_MAX_NODES = 25_000;

  /**
   * When the bound is passed, the least useful nodes are dropped until this fraction of it is left,
   * so the scan that finds them runs once per 2,500 new nodes, not once per node.
   */
  static final double EVICT_TO_FRACTION = 0.9;

  /** EIP-778's maximum encoded record size: a longer stored value is corrupt. */
  static final int MAX_RECORD_SIZE = 300;

  private static final byte FORMAT_VERSION = 1;
  private static final long NONE = -1;

  /** version, firstSeen, lastPong, lastFailure, failures. */
  private static final int HEADER_SIZE = 1 + 8 + 8 + 8 + 4;

  private static final String NODES = "nodes";
  private static final String META = "meta";
  private static final String LOCAL_SEQ = "localSeq";

  private final MVStore store;
  private final MVMap<byte[], byte[]> nodes;
  private final MVMap<String, Long> meta;
  private final InstantSource clock;
  private final int maxNodes;

  private NodeDatabase(MVStore store, InstantSource clock, int maxNodes) {
    this.store = store;
    this.nodes = store.openMap(NODES);
    this.meta = store.openMap(META);
    this.clock = clock;
    this.maxNodes = maxNodes;
  }

  /** Opens (or creates) the database file with the default bound. */
  public static NodeDatabase open(Path file, InstantSource clock) {
    return open(file, clock, DEFAULT_MAX_NODES);
  }

  /**
   * Opens (or creates) the database file. A file the store cannot read at all (not written by
   * MVStore, or damaged beyond its last good chunk) is moved aside to {@code FILE.corrupt} and a
   * fresh database started: losing what a bootnode remembered is better than not starting.
   *
   * @throws NodeDatabaseException if the file is locked by another process or cannot be created
   */
  public static NodeDatabase open(Path file, InstantSource clock, int maxNodes) {
    if (maxNodes < 1) throw new IllegalArgumentException("maxNodes must be >= 1");
    try {
      return new NodeDatabase(openStore(file), clock, maxNodes);
    } catch (MVStoreException e) {
      if (!unreadable(e)) {
        throw new NodeDatabaseException("cannot open node database " + file, e);
      }
      Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
      LOG.warn("node database {} is corrupt, moved to {}: {}", file, aside, e.getMessage());
      try {
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException io) {
        throw new NodeDatabaseException("cannot move corrupt node database " + file, io);
      }
      return new NodeDatabase(openStore(file), clock, maxNodes);
    }
  }

  /** A file that is not (or no longer) an MVStore, as opposed to one locked or not writable. */
  private static boolean unreadable(MVStoreException e) {
    return switch (e.getErrorCode()) {
      case DataUtils.ERROR_FILE_CORRUPT,
          DataUtils.ERROR_READING_FAILED,
          DataUtils.ERROR_UNSUPPORTED_FORMAT ->
          true;
      default -> false;
    };
  }

  private static MVStore openStore(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
    } catch (IOException e) {
      throw new NodeDatabaseException("cannot create the directory of " + file, e);
    }
    return new MVStore.Builder().fileName(file.toString()).open();
  }

  /** Stores a record, unless we hold one of the same node with a higher sequence number. */
  public void update(NodeRecord record) {
    byte[] key = key(record.nodeId());
    Optional<StoredNode> old = decode(key, nodes.get(key));
    if (old.isPresent() && old.get().record().seq() > record.seq()) return;
    StoredNode next =
        old.map(
                o ->
                    new StoredNode(
                        record, o.firstSeen(), o.lastPong(), o.lastFailure(), o.failures()))
            .orElseGet(
                () ->
                    new StoredNode(record, clock.instant(), Optional.empty(), Optional.empty(), 0));
    put(next);
  }

  /** The node answered a PING now: stores its record and clears its failures. */
  public void pongReceived(NodeRecord record) {
    byte[] key = key(record.nodeId());
    Optional<StoredNode> old = decode(key, nodes.get(key));
    NodeRecord newest =
        old.map(StoredNode::record).filter(r -> r.seq() > record.seq()).orElse(record);
    Instant now = clock.instant();
    put(
        new StoredNode(
            newest,
            old.map(StoredNode::firstSeen).orElse(now),
            Optional.of(now),
            old.flatMap(StoredNode::lastFailure),
            0));
  }

  /** A request to a stored node failed now; unknown nodes are ignored. */
  public void failed(NodeId id) {
    byte[] key = key(id);
    decode(key, nodes.get(key))
        .ifPresent(
            o ->
                put(
                    new StoredNode(
                        o.record(),
                        o.firstSeen(),
                        o.lastPong(),
                        Optional.of(clock.instant()),
                        o.failures() + 1)));
  }

  public Optional<StoredNode> get(NodeId id) {
    byte[] key = key(id);
    return decode(key, nodes.get(key));
  }

  public int size() {
    return nodes.size();
  }

  /**
   * Seeds for the node table: nodes that answered a PING within {@code maxAge}, those with fewer
   * failures since then first, then the freshest PONG first (geth's {@code QuerySeeds} picks at
   * random among the same set; ordering them puts the likeliest to answer first).
   */
  public List<NodeRecord> seeds(int count, Duration maxAge) {
    Instant oldest = clock.instant().minus(maxAge);
    return all().stream()
        .filter(n -> n.lastPong().filter(p -> !p.isBefore(oldest)).isPresent())
        .sorted(
            Comparator.comparingInt(StoredNode::failures)
                .thenComparing(n -> n.lastPong().orElseThrow(), Comparator.reverseOrder()))
        .limit(count)
        .map(StoredNode::record)
        .toList();
  }

  /** Every stored node (a full scan: for seeding, exports and tests). */
  public List<StoredNode> all() {
    List<StoredNode> out = new ArrayList<>(nodes.size());
    for (Map.Entry<byte[], byte[]> e : nodes.entrySet()) {
      decode(e.getKey(), e.getValue()).ifPresent(out::add);
    }
    return out;
  }

  /** The sequence number of our own last record, 0 if none was stored. */
  public long localSeq() {
    Long seq = meta.get(LOCAL_SEQ);
    return seq == null ? 0 : seq;
  }

  /** Remembers our own record's sequence number (kept only if higher than the stored one). */
  public void storeLocalSeq(long seq) {
    meta.merge(LOCAL_SEQ, seq, Math::max);
  }

  /** Commits every change to disk now. */
  public void flush() {
    store.commit();
  }

  /** Commits and closes the file. Idempotent. */
  @Override
  public void close() {
    if (!store.isClosed()) store.close();
  }

  /** Closes the file without committing, as a killed process would leave it (tests only). */
  void abandon() {
    store.closeImmediately();
  }

  // ---------------------------------------------------------------- storage

  private void put(StoredNode node) {
    nodes.put(key(node.record().nodeId()), encode(node));
    if (nodes.size() > maxNodes) evict();
  }

  /** Drops nodes that never answered, then those silent longest, down to the eviction mark. */
  private synchronized void evict() {
    int target = (int) (maxNodes * EVICT_TO_FRACTION);
    int excess = nodes.size() - target;
    if (excess <= 0) return;
    all().stream()
        .sorted(
            Comparator.comparing(
                    (StoredNode n) -> n.lastPong().orElse(Instant.MIN), Comparator.naturalOrder())
                .thenComparing(StoredNode::failures, Comparator.reverseOrder()))
        .limit(excess)
        .forEach(n -> nodes.remove(key(n.record().nodeId())));
  }

  private static byte[] key(NodeId id) {
    return id.bytes().toArrayUnsafe();
  }

  private static byte[] encode(StoredNode n) {
    byte[] record = n.record().encoded().toArrayUnsafe();
    return ByteBuffer.allocate(HEADER_SIZE + record.length)
        .put(FORMAT_VERSION)
        .putLong(n.firstSeen().toEpochMilli())
        .putLong(n.lastPong().map(Instant::toEpochMilli).orElse(NONE))
        .putLong(n.lastFailure().map(Instant::toEpochMilli).orElse(NONE))
        .putInt(n.failures())
        .put(record)
        .array();
  }

  /** A stored value back; one that does not decode is removed and reported as absent. */
  private Optional<StoredNode> decode(byte[] key, byte[] value) {
    if (value == null) return Optional.empty();
    try {
      if (value.length <= HEADER_SIZE || value.length > HEADER_SIZE + MAX_RECORD_SIZE) {
        throw new IllegalArgumentException("stored value of " + value.length + " bytes");
      }
      ByteBuffer b = ByteBuffer.wrap(value);
      if (b.get() != FORMAT_VERSION) throw new IllegalArgumentException("unknown format");
      Instant firstSeen = Instant.ofEpochMilli(b.getLong());
      Optional<Instant> lastPong = time(b.getLong());
      Optional<Instant> lastFailure = time(b.getLong());
      int failures = b.getInt();
      NodeRecord record = NodeRecord.decode(Bytes.wrap(value, HEADER_SIZE, b.remaining()));
      if (!record.nodeId().bytes().equals(Bytes.wrap(key))) {
        throw new IllegalArgumentException("record of another node");
      }
      return Optional.of(new StoredNode(record, firstSeen, lastPong, lastFailure, failures));
    } catch (IllegalArgumentException e) { // InvalidRecordException included {
      LOG.warn("dropping unreadable node database entry {}: {}", Bytes.wrap(key), e.getMessage());
      nodes.remove(key);
      return Optional.empty();
    }
  }

  private static Optional<Instant> time(long millis) {
    return millis == NONE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
  }
}
