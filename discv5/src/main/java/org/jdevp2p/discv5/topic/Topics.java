package org.jdevp2p.discv5.topic;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeFilter;
import org.jdevp2p.node.NodeId;

/**
 * The topic side of one node as an advertiser and a searcher: a service table B(s) per topic it
 * advertises or searches, an {@link Advertiser} per advertised topic, a {@link Searcher} per
 * searched one. The discv5 service owns one and drives it from its event loop; every method must be
 * called there.
 */
public final class Topics {

  /**
   * Topics advertised at once. A client offers a handful of services (eth/68..72, snap, ...); each
   * advertised topic keeps up to K_register registrations per bucket alive, so the bound caps the
   * REGTOPIC traffic we cause.
   */
  public static final int MAX_ADVERTISED = 32;

  /**
   * Service tables kept for topics searched but not advertised, the least recently searched dropped
   * first: the table persists while the application wants the topic (topics.md §11.16), and this
   * bounds the memory of an application that searches many names.
   */
  static final int MAX_SEARCH_TABLES = 16;

  /**
   * What an advertiser's record must carry to be a search result whatever the service: an IP to
   * reach it at. A caller that knows the service's port filters further (eth: tcp, topics.md §12).
   */
  private static final NodeFilter HAS_ADDRESS = r -> r.ip().isPresent() || r.ip6().isPresent();

  private final NodeId self;
  private final TopicRequests requests;
  private final AdvertiserConfig advertiserConfig;
  private final Supplier<List<NodeRecord>> verifiedNodes;
  private final InstantSource clock;
  private final RandomGenerator random;
  private final Map<Bytes32, Advertised> advertised = new LinkedHashMap<>();
  private final Map<Bytes32, TopicTable> searchTables =
      new LinkedHashMap<>(MAX_SEARCH_TABLES, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Bytes32, TopicTable> eldest) {
          return size() > MAX_SEARCH_TABLES;
        }
      };

  /**
   * @param self our node id
   * @param requests sends the topic requests
   * @param advertiserConfig every advertiser's K_register
   * @param verifiedNodes the routing table's members, which seed a new service table
   */
  public Topics(
      NodeId self,
      TopicRequests requests,
      AdvertiserConfig advertiserConfig,
      Supplier<List<NodeRecord>> verifiedNodes,
      InstantSource clock,
      RandomGenerator random) {
    this.self = Objects.requireNonNull(self, "self");
    this.requests = Objects.requireNonNull(requests, "requests");
    this.advertiserConfig = Objects.requireNonNull(advertiserConfig, "advertiserConfig");
    this.verifiedNodes = Objects.requireNonNull(verifiedNodes, "verifiedNodes");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * Starts advertising the topic; nothing if it is advertised already.
   *
   * @throws IllegalStateException when {@link #MAX_ADVERTISED} topics are advertised already
   */
  public void register(Topic topic) {
    if (advertised.containsKey(topic.id())) return;
    if (advertised.size() >= MAX_ADVERTISED) {
      throw new IllegalStateException(MAX_ADVERTISED + " topics are advertised already");
    }
    TopicTable table = searchTables.remove(topic.id());
    if (table == null) table = newTable(topic);
    advertised.put(
        topic.id(),
        new Advertised(table, new Advertiser(table, requests, advertiserConfig, clock, random)));
  }

  /** Stops advertising the topic: no new attempts; ads placed run out at their registrars. */
  public void unregister(Topic topic) {
    Advertised a = advertised.remove(topic.id());
    if (a != null) a.advertiser().close();
  }

  /** The topics advertised now. */
  public List<Topic> registered() {
    List<Topic> out = new ArrayList<>(advertised.size());
    for (Advertised a : advertised.values()) out.add(a.table().topic());
    return out;
  }

  /** Registrars holding an ad of ours now, per advertised topic name. */
  public Map<String, Integer> activeRegistrations() {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (Advertised a : advertised.values()) {
      out.put(a.table().topic().name(), a.advertiser().activeRegistrations());
    }
    return out;
  }

  /** The registrars holding an ad of ours for the topic now; empty if we do not advertise it. */
  public List<NodeRecord> activeRegistrars(Topic topic) {
    Advertised a = advertised.get(topic.id());
    return a == null ? List.of() : a.advertiser().activeRegistrars();
  }

  /**
   * Searches for up to {@code count} advertisers of the topic, in the topic's service table (kept
   * from earlier searches, or the advertiser's when we advertise it too).
   *
   * @param onFound sees each new advertiser as its registrar's answer arrives
   */
  public CompletableFuture<List<NodeRecord>> search(
      Topic topic, int count, Consumer<NodeRecord> onFound) {
    Advertised a = advertised.get(topic.id());
    TopicTable table =
        a != null ? a.table() : searchTables.computeIfAbsent(topic.id(), id -> newTable(topic));
    return new Searcher(table, requests, HAS_ADDRESS, random).search(count, onFound);
  }

  /**
   * The members of the topic's service table at distance {@code d} from the topic, if we keep a
   * table for it: liveness-verified, topic-capable nodes a registrar may offer as auxiliary records
   * (topics.md §4).
   */
  public List<NodeRecord> tableNodes(Bytes32 topic, int d) {
    Advertised a = advertised.get(topic);
    if (a != null) return a.table().bucket(d);
    TopicTable t = searchTables.get(topic);
    return t == null ? List.of() : t.bucket(d);
  }

  /** A node proved its liveness (it entered the routing table): every service table may take it. */
  public void nodeVerified(NodeRecord node) {
    for (Advertised a : advertised.values()) a.table().add(node);
    for (TopicTable t : searchTables.values()) t.add(node);
  }

  /**
   * Periodic work of the advertisers.
   *
   * @param mayAdvertise false while our record's endpoint is not the one peers confirmed: a
   *     registrar would drop our REGTOPIC (topics.md §6), so no attempt is started
   */
  public void tick(boolean mayAdvertise) {
    if (!mayAdvertise) return;
    for (Advertised a : advertised.values()) a.advertiser().tick();
  }

  /** Our record changed: attempts under way restart without their (now stale) tickets. */
  public void recordChanged() {
    for (Advertised a : advertised.values()) a.advertiser().recordChanged();
  }

  /** Stops every advertiser. */
  public void close() {
    for (Advertised a : advertised.values()) a.advertiser().close();
    advertised.clear();
  }

  /** An advertised topic: its service table and the advertiser working on it. */
  private record Advertised(TopicTable table, Advertiser advertiser) {}

  private TopicTable newTable(Topic topic) {
    TopicTable table = new TopicTable(topic, self, clock);
    for (NodeRecord r : verifiedNodes.get()) table.add(r);
    return table;
  }
}
