package dev.hearsay.overlay.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Metadata in the pure core: a member's ALIVE names its metadata version, and a node that holds an
 * older one pulls it from the member, which answers with its signed metadata claims.
 */
class MetadataSyncTest {
  private static final long S = 1_000_000_000L;
  private static final MembershipConfig CONFIG = MembershipConfig.lan();
  private static final MemberId A = MemberId.of("example.org", "blue", "a");
  private static final MemberId B = MemberId.of("example.org", "blue", "b");
  private static final MemberId R = MemberId.of("example.org", "red", "r");
  private static final Metadata A_META = new Metadata(Map.of("zone", "eu-1"), Map.of("region", "eu"));

  private static MembershipCore core(MemberId id, long start, Metadata metadata) {
    return new MembershipCore(id, id.name() + ":7946", start, metadata, CONFIG, new SplittableRandom(id.hashCode()),
        ProofSource.NONE, 8);
  }

  /** {@code viewer} learns {@code subject}'s ALIVE and runs gossip ticks until it pulls; the subject answers. */
  private static Recorder pullAndAnswer(MembershipCore viewer, MembershipCore subject, long now) {
    Recorder out = new Recorder();
    viewer.onMessage(now, subject.self(), subject.self().name() + ":7946",
        new Gossip(List.of((Alive) subject.claimOf(subject.self())), false), out);
    out.clear();
    viewer.onTimer(now, Timer.GOSSIP, out);
    List<MemberPull> pulls = out.sentOf(MemberPull.class);
    if (pulls.isEmpty()) {
      return out;
    }
    Recorder answer = new Recorder();
    subject.onMessage(now, viewer.self(), "route:" + viewer.self().uri(), pulls.get(0), answer);
    for (MemberPush push : answer.sentOf(MemberPush.class)) {
      viewer.onMessage(now, subject.self(), subject.self().name() + ":7946", push, out);
    }
    return out;
  }

  @Test
  void aMemberWithMetadataIsPulledOnceAndHeldByTheSameTenant() {
    MembershipCore a = core(A, 4, A_META);
    MembershipCore b = core(B, 0, Metadata.NONE);
    Alive aAlive = (Alive) a.claimOf(A);
    assertEquals(5, aAlive.metaVersion(), "version = start incarnation + 1");

    Recorder out = pullAndAnswer(b, a, S);

    assertEquals(Map.of("zone", "eu-1", "region", "eu"), b.metadataOf(A));
    assertEquals(0, b.metadataPending());
    assertTrue(out.sentOf(MemberPull.class).size() == 1);
    Recorder later = new Recorder();
    b.onTimer(3 * S, Timer.GOSSIP, later);
    assertTrue(later.sentOf(MemberPull.class).isEmpty(), "asked again for metadata it holds");
  }

  @Test
  void anotherTenantHoldsOnlyTheSharedClassAndIsSatisfiedWithIt() {
    MembershipCore a = core(A, 0, A_META);
    MembershipCore r = core(R, 0, Metadata.NONE);

    pullAndAnswer(r, a, S);

    assertEquals(Map.of("region", "eu"), r.metadataOf(A));
    assertEquals(0, r.metadataPending());
  }

  @Test
  void aPrivateClaimPushedToAnotherTenantIsNotKept() {
    MembershipCore a = core(A, 0, A_META);
    MembershipCore r = core(R, 0, Metadata.NONE);
    Recorder answer = new Recorder();
    a.onMessage(S, R, "route:" + R.uri(), new MemberPull(A), answer);
    MemberPush everything = answer.sentOf(MemberPush.class).get(0);
    assertEquals(2, everything.meta().size(), "the core answers with both classes; the runtime filters per peer");

    r.onMessage(S, A, "a:7946", everything, new Recorder());

    assertEquals(Map.of("region", "eu"), r.metadataOf(A));
  }

  @Test
  void newMetadataGetsANewVersionThatViewersPullAgain() {
    MembershipCore a = core(A, 0, A_META);
    MembershipCore b = core(B, 0, Metadata.NONE);
    a.start(0, List.of(), new Recorder());
    pullAndAnswer(b, a, S);

    a.updateMetadata(2 * S, new Metadata(Map.of("zone", "eu-2"), Map.of()), new Recorder());
    Alive updated = (Alive) a.claimOf(A);
    assertTrue(updated.metaVersion() > 1);
    pullAndAnswer(b, a, 5 * S);

    assertEquals(Map.of("zone", "eu-2"), b.metadataOf(A));
  }

  @Test
  void aMemberWithoutMetadataIsNeverPulled() {
    MembershipCore a = core(A, 0, Metadata.NONE);
    MembershipCore b = core(B, 0, Metadata.NONE);

    Recorder out = pullAndAnswer(b, a, S);

    assertTrue(out.sentOf(MemberPull.class).isEmpty());
    assertEquals(Map.of(), b.metadataOf(A));
  }

  @Test
  void anUnansweredPullIsRepeatedAfterAProbeIntervalNotEveryTick() {
    MembershipCore a = core(A, 0, A_META);
    MembershipCore b = core(B, 0, Metadata.NONE);
    Recorder out = new Recorder();
    b.onMessage(S, A, "a:7946", new Gossip(List.of((Alive) a.claimOf(A)), false), out);
    int pulls = 0;
    for (long t = S; t < S + CONFIG.probeInterval(); t += CONFIG.gossipInterval()) {
      Recorder tick = new Recorder();
      b.onTimer(t, Timer.GOSSIP, tick);
      pulls += tick.sentOf(MemberPull.class).size();
    }
    assertEquals(1, pulls);
    Recorder again = new Recorder();
    b.onTimer(S + CONFIG.probeInterval(), Timer.GOSSIP, again);
    assertEquals(1, again.sentOf(MemberPull.class).size());
  }
}
