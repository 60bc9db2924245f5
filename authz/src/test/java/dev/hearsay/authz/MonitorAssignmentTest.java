package dev.hearsay.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.crypto.NodeIdentity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MonitorAssignmentTest {

  private static List<NodeIdentity> tenant(String tenant, int size) {
    List<NodeIdentity> nodes = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      nodes.add(Ids.node(tenant, "n" + i));
    }
    return nodes;
  }

  @Test
  void monitorsAreOtherNodesOfTheSubjectsTenantOnly() {
    List<NodeIdentity> view = new ArrayList<>(tenant("blue", 10));
    view.addAll(tenant("red", 10));
    view.add(Ids.REGISTRY);
    view.add(Ids.OPERATOR);
    view.add(NodeIdentity.node("other.org", "blue", "n1"));
    NodeIdentity subject = view.get(0);

    List<NodeIdentity> monitors = MonitorAssignment.monitorsOf(subject, view, 4);

    assertEquals(4, monitors.size());
    assertEquals(4, monitors.stream().distinct().count());
    for (NodeIdentity m : monitors) {
      assertFalse(m.equals(subject));
      assertEquals("blue", m.tenant().orElseThrow());
      assertEquals("example.org", m.trustDomain());
    }
  }

  @Test
  void everyNodeComputesTheSameMonitorsWhateverTheOrderOfItsView() {
    List<NodeIdentity> view = tenant("blue", 50);
    List<NodeIdentity> shuffled = new ArrayList<>(view);
    Collections.shuffle(shuffled, new Random(7));
    for (NodeIdentity subject : view) {
      assertEquals(MonitorAssignment.monitorsOf(subject, view, 3), MonitorAssignment.monitorsOf(subject, shuffled, 3));
    }
  }

  @Test
  void eachNodeMonitorsExactlyCountSubjectsSoNoNodeCanAccuseMore() {
    List<NodeIdentity> view = tenant("blue", 100);
    Map<NodeIdentity, Integer> load = new HashMap<>();
    for (NodeIdentity subject : view) {
      for (NodeIdentity m : MonitorAssignment.monitorsOf(subject, view, 3)) {
        load.merge(m, 1, Integer::sum);
      }
    }
    assertEquals(100, load.size());
    assertTrue(load.values().stream().allMatch(n -> n == 3), load::toString);
  }

  @Test
  void oneAssignmentAnswersForEverySubjectAsTheOneOffFormDoes() {
    List<NodeIdentity> view = tenant("blue", 30);
    MonitorAssignment assignment = MonitorAssignment.of(view, 4);
    for (NodeIdentity subject : view) {
      assertEquals(MonitorAssignment.monitorsOf(subject, view, 4), assignment.monitorsOf(subject));
    }
    NodeIdentity newcomer = Ids.node("blue", "not-yet-in-view");
    assertEquals(4, assignment.monitorsOf(newcomer).size());
    assertEquals(List.of(), assignment.monitorsOf(Ids.node("green", "n1")));
    assertEquals(List.of(), assignment.monitorsOf(Ids.REGISTRY));
  }

  @Test
  void monitorsAreTheSubjectsSuccessorsOnTheHashRing() {
    List<NodeIdentity> view = tenant("blue", 20);
    List<NodeIdentity> ring = new ArrayList<>(view);
    ring.sort(
        (a, b) -> {
          int byPosition = Long.compareUnsigned(sha256Prefix(a), sha256Prefix(b));
          return byPosition != 0 ? byPosition : a.uri().compareTo(b.uri());
        });
    NodeIdentity subject = ring.get(18);
    assertEquals(List.of(ring.get(19), ring.get(0), ring.get(1)), MonitorAssignment.monitorsOf(subject, view, 3));
  }

  private static long sha256Prefix(NodeIdentity id) {
    try {
      byte[] d =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(id.uri().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.nio.ByteBuffer.wrap(d).getLong();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aSmallTenantHasFewerMonitors() {
    List<NodeIdentity> view = tenant("blue", 3);
    assertEquals(2, MonitorAssignment.monitorsOf(view.get(0), view, 5).size());
    assertEquals(List.of(), MonitorAssignment.monitorsOf(view.get(0), List.of(view.get(0)), 5));
  }

  @Test
  void theAuthorizerAssignsMonitorsOnlyInMonitorsMode() {
    List<NodeIdentity> view = tenant("blue", 10);
    assertEquals(List.of(), Authorizer.withDefaults().monitorsOf(view.get(0), view));
    Authorizer monitors =
        new Authorizer(Policy.builder().accusers(new AccuserPolicy(AccuserMode.MONITORS, 2, 3)).build());
    assertEquals(MonitorAssignment.monitorsOf(view.get(0), view, 3), monitors.monitorsOf(view.get(0), view));
  }
}
