package dev.hearsay.crypto;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects trust decisions so a test can assert the exact reason a peer was refused. */
final class RecordingListener implements PeerCheckListener {
  final List<NodeIdentity> admitted = new CopyOnWriteArrayList<>();
  final List<PeerRejectedException> rejected = new CopyOnWriteArrayList<>();

  @Override
  public void admitted(NodeIdentity identity) {
    admitted.add(identity);
  }

  @Override
  public void rejected(PeerRejectedException rejection) {
    rejected.add(rejection);
  }
}
