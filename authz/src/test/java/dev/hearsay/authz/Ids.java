package dev.hearsay.authz;

import dev.hearsay.crypto.NodeIdentity;

/** The identities the tests use: tenants blue and red of example.org, plus a registry and an operator. */
final class Ids {
  static final String DOMAIN = "example.org";

  static final NodeIdentity BLUE_1 = node("blue", "n1");
  static final NodeIdentity BLUE_2 = node("blue", "n2");
  static final NodeIdentity BLUE_3 = node("blue", "n3");
  static final NodeIdentity BLUE_SEED = node("blue", "seed-1");
  static final NodeIdentity RED_1 = node("red", "n1");
  static final NodeIdentity RED_2 = node("red", "n2");
  static final NodeIdentity REGISTRY = NodeIdentity.registry(DOMAIN, "r1");
  static final NodeIdentity OPERATOR = NodeIdentity.operator(DOMAIN, "alice");

  private Ids() {}

  static NodeIdentity node(String tenant, String name) {
    return NodeIdentity.node(DOMAIN, tenant, name);
  }

  static Principal valid(NodeIdentity id) {
    return Principal.valid(id);
  }
}
