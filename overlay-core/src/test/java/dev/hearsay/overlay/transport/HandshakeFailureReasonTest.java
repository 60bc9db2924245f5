package dev.hearsay.overlay.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.channels.ClosedChannelException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The detail logged with a failed handshake names what happened, never "null". */
class HandshakeFailureReasonTest {
  @Test
  void aConnectionClosedBeforeItsHandshakeSaysSo() {
    assertEquals("connection closed before the handshake completed", IdentityBindingHandler.reasonOf(new ClosedChannelException()));
  }

  @Test
  void aFailureWithAMessageGivesTheMessage() {
    assertEquals("certificate unknown", IdentityBindingHandler.reasonOf(new SSLHandshakeException("certificate unknown")));
  }

  @Test
  void aFailureWithoutAMessageGivesItsKind() {
    assertEquals("IllegalStateException", IdentityBindingHandler.reasonOf(new IllegalStateException()));
  }
}
