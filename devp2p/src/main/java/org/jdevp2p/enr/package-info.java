/**
 * Ethereum Node Records (EIP-778) with the "v4" identity scheme: build, sign, encode, decode and
 * verify, and the {@code enr:} text form.
 *
 * <p>Public types: {@link org.jdevp2p.enr.NodeRecord} (with its {@link
 * org.jdevp2p.enr.NodeRecord.Builder}) and {@link org.jdevp2p.enr.InvalidRecordException}.
 */
package org.jdevp2p.enr;
