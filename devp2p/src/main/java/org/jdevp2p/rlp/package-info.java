/**
 * Canonical RLP: the checks devp2p decoders need on top of tuweni's strict reader.
 *
 * <p>Public types: {@link org.jdevp2p.rlp.StrictRlp}, {@link org.jdevp2p.rlp.InvalidRlpException}.
 */
package org.jdevp2p.rlp;
