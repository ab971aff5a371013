package org.jdevp2p.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The ethereumjs peer script against itself: proves the harness (Node.js found, packages installed,
 * events read) before the tests that put our stack on one side.
 */
class EthereumJsPeerTest {

  @Test
  void ethereumJsClientAndServerExchangeHellos() {
    try (EthereumJsPeer server = EthereumJsPeer.server()) {
      JsonNode listening = server.await("listening");
      try (EthereumJsPeer client =
          EthereumJsPeer.client(listening.get("enode").asText(), "--caps", "eth/68")) {
        JsonNode seenByClient = client.await("peer-added");
        JsonNode seenByServer = server.await("peer-added");

        assertThat(seenByClient.get("id").asText()).isEqualTo(listening.get("id").asText());
        assertThat(seenByClient.get("shared").toString()).isEqualTo("[\"eth/68\"]");
        assertThat(seenByServer.get("capabilities").toString()).isEqualTo("[\"eth/68\"]");
      }
    }
  }
}
