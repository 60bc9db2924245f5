package dev.hearsay.registry.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.TestPki;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RevocationTargetTest {
  @Test
  void serialsAreNormalizedSoTheSameCertificateIsOneTarget() {
    assertEquals(RevocationTarget.serial("abc"), RevocationTarget.serial("0x0ABC"));
    assertEquals(RevocationTarget.serial("abc"), RevocationTarget.serial("0a:bc"));
    assertEquals("abc", RevocationTarget.serial("000abc").value());
    assertThrows(IllegalArgumentException.class, () -> RevocationTarget.serial("xyz"));
    assertThrows(IllegalArgumentException.class, () -> RevocationTarget.serial(""));
    assertThrows(IllegalArgumentException.class, () -> RevocationTarget.serial("1".repeat(41)));
  }

  @Test
  void registriesCannotBeRevokedThroughTheirOwnLog() {
    assertThrows(IllegalArgumentException.class, () -> RevocationTarget.identity("spiffe://example.org/registry/r1"));
    assertThrows(IllegalArgumentException.class, () -> RevocationTarget.identity("spiffe://example.org/nope"));
  }

  @Test
  void aRevocationSetMatchesBySerialAndByIdentity() {
    TestPki pki = new TestPki();
    Credentials a = pki.node("t", "a");
    Credentials b = pki.node("t", "b");
    Credentials c = pki.node("t", "c");
    NodeIdentity op = NodeIdentity.operator(TestPki.DOMAIN, "alice");
    RevocationSet set = new RevocationSet();
    set.add(RevocationEntry.create(1, RevocationTarget.serialOf(a.keyMaterial().certificate()), "lost", Instant.now(), op, ChainHash.GENESIS));
    set.add(RevocationEntry.create(2, RevocationTarget.identity(b.identity()), "", Instant.now(), op, ChainHash.GENESIS));
    assertTrue(set.revocationReason(a.keyMaterial().certificate(), a.identity()).orElseThrow().contains("lost"));
    assertTrue(set.revocationReason(b.keyMaterial().certificate(), b.identity()).isPresent());
    assertTrue(set.isRevoked(b.identity()));
    assertFalse(set.isRevoked(a.identity()), "a serial revokes one certificate, not the identity");
    assertFalse(set.revocationReason(c.keyMaterial().certificate(), c.identity()).isPresent());
  }

  @Test
  void theEntryEncodingRoundTripsAndRefusesTrailingBytes() {
    RevocationEntry e =
        RevocationEntry.create(
            7, RevocationTarget.serial("beef"), "key leaked", Instant.parse("2026-03-04T05:06:07.089Z"),
            NodeIdentity.operator(TestPki.DOMAIN, "alice"), ChainHash.GENESIS);
    byte[] body = EntryCodec.encodeBody(e);
    assertEquals(e, EntryCodec.decodeBody(body, e.hash()));
    byte[] longer = java.util.Arrays.copyOf(body, body.length + 1);
    assertThrows(IllegalArgumentException.class, () -> EntryCodec.decodeBody(longer, e.hash()));
    byte[] shorter = java.util.Arrays.copyOf(body, body.length - 1);
    assertThrows(IllegalArgumentException.class, () -> EntryCodec.decodeBody(shorter, e.hash()));
  }
}
