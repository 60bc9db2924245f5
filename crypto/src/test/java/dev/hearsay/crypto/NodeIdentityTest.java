package dev.hearsay.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NodeIdentityTest {

  @Test
  void parsesTheThreeRoles() {
    NodeIdentity node = NodeIdentity.parse("spiffe://example.org/tenant/blue/node/n-1");
    assertEquals(Role.NODE, node.role());
    assertEquals("example.org", node.trustDomain());
    assertEquals(Optional.of("blue"), node.tenant());
    assertEquals("n-1", node.name());

    NodeIdentity registry = NodeIdentity.parse("spiffe://example.org/registry/r1");
    assertEquals(Role.REGISTRY, registry.role());
    assertEquals(Optional.empty(), registry.tenant());

    assertEquals(Role.OPERATOR, NodeIdentity.parse("spiffe://example.org/operator/ops").role());
  }

  @Test
  void canonicalUriRoundTripsAndDefinesEquality() {
    NodeIdentity built = NodeIdentity.node("mesh.example.org", "t_1", "a.b");
    assertEquals("spiffe://mesh.example.org/tenant/t_1/node/a.b", built.uri());
    assertEquals(built, NodeIdentity.parse(built.uri()));
    assertEquals(built.hashCode(), NodeIdentity.parse(built.uri()).hashCode());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|empty",
        "http://example.org/tenant/a/node/b|must start with spiffe://",
        "spiffe://example.org|no path",
        "spiffe://Example.org/tenant/a/node/b|not a lower-case DNS-style name",
        "spiffe://example..org/tenant/a/node/b|not a lower-case DNS-style name",
        "spiffe://example.org:8443/tenant/a/node/b|not a lower-case DNS-style name",
        "spiffe://user@example.org/tenant/a/node/b|not a lower-case DNS-style name",
        "spiffe://example.org/tenant/a/node/b/|path must be",
        "spiffe://example.org/tenant/a/node|path must be",
        "spiffe://example.org/tenants/a/node/b|path must be",
        "spiffe://example.org/tenant/a/node/B|may only use",
        "spiffe://example.org/tenant/a/node/-b|may only use",
        "spiffe://example.org/tenant/a/node/b?x=1|may only use",
        "spiffe://example.org/tenant/a/node/b#f|may only use",
        "spiffe://example.org/tenant//node/b|tenant is empty",
        "spiffe://example.org/registry/|registry name is empty",
        "spiffe://example.org/admin/root|path must be",
      })
  void rejectsMalformedUrisWithAReason(String uri, String reason) {
    InvalidIdentityException e = assertThrows(InvalidIdentityException.class, () -> NodeIdentity.parse(uri));
    assertTrue(e.getMessage().contains(reason), () -> "'" + e.getMessage() + "' should say '" + reason + "'");
  }

  @ParameterizedTest
  @ValueSource(ints = {63, 64})
  void namesAreLimitedTo63Characters(int length) {
    String name = "a".repeat(length);
    if (length <= NodeIdentity.MAX_NAME_LENGTH) {
      assertEquals(name, NodeIdentity.node("example.org", "t", name).name());
    } else {
      InvalidIdentityException e =
          assertThrows(InvalidIdentityException.class, () -> NodeIdentity.node("example.org", "t", name));
      assertTrue(e.getMessage().contains("longer than 63"));
    }
  }

  @Test
  void trustDomainIsLimitedTo253Characters() {
    String label = "a".repeat(63);
    String domain = String.join(".", label, label, label, "a".repeat(61)); // 253
    assertEquals(253, domain.length());
    assertEquals(domain, NodeIdentity.checkTrustDomain(domain));
    assertThrows(InvalidIdentityException.class, () -> NodeIdentity.checkTrustDomain(domain + "a"));
  }
}
