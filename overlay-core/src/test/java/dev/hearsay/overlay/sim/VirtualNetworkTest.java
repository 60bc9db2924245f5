package dev.hearsay.overlay.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VirtualNetworkTest {

  private static int dropped(VirtualNetwork net, int from, int to, int packets) {
    int d = 0;
    for (int i = 0; i < packets; i++) {
      if (net.drops(from, to)) {
        d++;
      }
    }
    return d;
  }

  @Test
  void combinesGlobalNodeAndLinkLoss() {
    VirtualNetwork net = new VirtualNetwork(1, 4, 0.0, 0.0, 0, 0);
    assertEquals(0, dropped(net, 0, 1, 10_000), "no loss configured");
    net.setNodeLoss(2, 0.8);
    int viaLossyNode = dropped(net, 0, 2, 10_000);
    assertTrue(viaLossyNode > 7_700 && viaLossyNode < 8_300, "80 % node loss, got " + viaLossyNode);
    net.setLinkLoss(0, 1, 0.5);
    int link = dropped(net, 0, 1, 10_000);
    assertTrue(link > 4_700 && link < 5_300, "50 % link loss, got " + link);
    assertEquals(0, dropped(net, 1, 0, 10_000), "link loss is directional");
  }

  @Test
  void partitionCutsOnlyAcrossGroups() {
    VirtualNetwork net = new VirtualNetwork(1, 4, 0.0, 0.0, 0, 0);
    net.setGroup(0, 0);
    net.setGroup(1, 0);
    net.setGroup(2, 1);
    net.setGroup(3, 1);
    net.setPartitioned(true);
    assertTrue(net.drops(0, 2));
    assertTrue(net.drops(3, 1));
    assertFalse(net.drops(0, 1));
    net.setPartitioned(false);
    assertFalse(net.drops(0, 2));
  }

  @Test
  void delayStaysWithinFloorAndJitter() {
    VirtualNetwork net = new VirtualNetwork(7, 2, 0.0, 0.0, 200, 1_000);
    for (int i = 0; i < 1_000; i++) {
      long d = net.delay();
      assertTrue(d >= 200 && d < 1_200, "delay " + d);
    }
  }
}
