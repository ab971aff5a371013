package org.jdevp2p.rlpx.eth;

import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.eth.ForkId;

/** eth 0x00, the first message on each side: the fields every version's Status shares. */
public sealed interface Status extends EthMessage permits Status68, Status69 {
  int CODE = 0x00;

  /** The sender's eth version; must equal the negotiated one. */
  int version();

  long networkId();

  Bytes32 genesis();

  ForkId forkId();

  @Override
  default int code() {
    return CODE;
  }
}
