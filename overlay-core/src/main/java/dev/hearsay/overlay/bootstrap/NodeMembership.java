package dev.hearsay.overlay.bootstrap;

import dev.hearsay.crypto.NodeIdentity;
import java.util.List;

/** What the bootstrap needs from its node. Called from the seed thread; implementations must not block on the event loop. */
public interface NodeMembership {
  /** Whether any other member is ALIVE or SUSPECT in the node's view. */
  boolean hasLiveMember();

  /** Whether the node's view holds {@code member} in any state. */
  boolean knows(NodeIdentity member);

  /**
   * Whether a listed node can introduce this one to anybody: one whose members it may see (its own
   * tenant, a shared one) or a seed that sees every tenant. Under tenant isolation a node of another
   * isolated tenant would answer a join with nothing.
   */
  default boolean canIntroduce(NodeIdentity listed) {
    return true;
  }

  /** Sends a join (a push-pull that asks for the whole view) to each address; whoever answers there is authenticated as usual. */
  void joinThrough(List<String> addresses);
}
