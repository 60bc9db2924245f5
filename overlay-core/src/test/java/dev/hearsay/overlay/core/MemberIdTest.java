package dev.hearsay.overlay.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MemberIdTest {

  @Test
  void parsesTheNodeIdentityUri() {
    MemberId id = MemberId.parse("spiffe://prod.example/tenant/blue/node/n-17");
    assertEquals("prod.example", id.domain());
    assertEquals("blue", id.tenant());
    assertEquals("n-17", id.name());
    assertEquals(id, MemberId.of("prod.example", "blue", "n-17"));
    assertEquals(id.hash64(), MemberId.of("prod.example", "blue", "n-17").hash64());
    assertNotEquals(id, MemberId.of("prod.example", "green", "n-17"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "http://d/tenant/t/node/n",
    "spiffe://d/registry/r",
    "spiffe://d/tenant//node/n",
    "spiffe://d/tenant/t/node/",
    "spiffe:///tenant/t/node/n",
    "spiffe://d/tenant/t/node/n/extra",
  })
  void rejectsWhatIsNotANodeIdentity(String uri) {
    assertThrows(IllegalArgumentException.class, () -> MemberId.parse(uri));
  }

  @Test
  void internerSharesOneInstance() {
    MemberIds ids = new MemberIds();
    MemberId a = ids.intern("spiffe://d/tenant/t/node/a");
    assertSame(a, ids.intern("spiffe://d/tenant/t/node/a"));
    assertSame(a, ids.intern(MemberId.parse("spiffe://d/tenant/t/node/a")));
    assertEquals(1, ids.size());
  }
}
