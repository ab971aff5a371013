/**
 * Topic discovery (TopDisc, discv5-theory.md "Topic Advertisement", digest topics.md): services
 * advertised as topics at registrars chosen by distance to the topic id, found by TOPICQUERY.
 *
 * <p>Inside: {@code TopicTable} (the service table B(s) of one topic), {@code Advertiser} (keeps a
 * topic's ads placed), {@code Searcher} (TOPICQUERY lookups), all driven on the protocol's thread
 * through {@code TopicRequests}.
 *
 * <p>Public types: {@link org.jdevp2p.discv5.topic.Topic}, {@link
 * org.jdevp2p.discv5.topic.TopicCapability}; the settings {@link
 * org.jdevp2p.discv5.topic.RegistrarConfig} and {@link org.jdevp2p.discv5.topic.AdvertiserConfig};
 * and, for the discv5 service that drives them from its event loop, {@link
 * org.jdevp2p.discv5.topic.Registrar} (with its {@link
 * org.jdevp2p.discv5.topic.Registrar.Outcome}s), {@link org.jdevp2p.discv5.topic.Topics} (the
 * advertisers and searchers of one node), {@link org.jdevp2p.discv5.topic.TopicRequests} (what they
 * send) and its answers {@link org.jdevp2p.discv5.topic.Registration} and {@link
 * org.jdevp2p.discv5.topic.QueryResult}.
 */
package org.jdevp2p.discv5.topic;
