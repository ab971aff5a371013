package org.jdevp2p.rlpx.eth;

import org.jdevp2p.rlpx.Disconnect;

/**
 * Why a peer's Status was refused, named after geth's errors in {@code eth/protocols/eth/
 * handshake.go}, in the order geth checks them. geth ends the protocol with an ordinary error for
 * each, which its p2p layer sends as Disconnect "subprotocol error" (0x10); only the timeout has
 * its own reason, "read timeout" (0x0b).
 */
public enum StatusError {
  /** errNoStatusMsg: the first eth message was not Status. */
  NO_STATUS_MSG,
  /** errMsgTooLarge / errDecode: over 10 MiB, or not exactly the version's Status fields. */
  DECODE,
  /** errNetworkIDMismatch. */
  NETWORK_ID_MISMATCH,
  /** errProtocolVersionMismatch: the version field is not the negotiated version. */
  PROTOCOL_VERSION_MISMATCH,
  /** errGenesisMismatch. */
  GENESIS_MISMATCH,
  /** errForkIDRejected: the EIP-2124 filter refused the fork id (stale or incompatible). */
  FORK_ID_REJECTED,
  /** errInvalidBlockRange (eth/69+): earliest after latest, or a zero head hash. */
  INVALID_BLOCK_RANGE,
  /** No Status within {@link EthHandler#STATUS_TIMEOUT} (geth handshakeTimeout). */
  TIMEOUT;

  /** The Disconnect reason geth sends for this failure. */
  public Disconnect.Reason reason() {
    return this == TIMEOUT ? Disconnect.Reason.READ_TIMEOUT : Disconnect.Reason.SUBPROTOCOL_ERROR;
  }
}
