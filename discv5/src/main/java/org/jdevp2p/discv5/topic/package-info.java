/**
 * Topic discovery (TopDisc, discv5-theory.md "Topic Advertisement", digest topics.md): services
 * advertised as topics at registrars chosen by distance to the topic id, found by TOPICQUERY.
 *
 * <p>Public types: {@link org.jdevp2p.discv5.topic.Topic} and {@link
 * org.jdevp2p.discv5.topic.TopicCapability}.
 */
package org.jdevp2p.discv5.topic;
