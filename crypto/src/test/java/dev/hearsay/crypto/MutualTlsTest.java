package dev.hearsay.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.crypto.PeerRejectedException.Reason;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Real mutual TLS over loopback: who gets in, and the exact reason for everyone who doesn't. */
class MutualTlsTest {
  private static MtlsHandshake tls;
  private final TestPki pki = new TestPki();
  private final RecordingListener serverDecisions = new RecordingListener();

  @BeforeAll
  static void start() {
    tls = new MtlsHandshake();
  }

  @AfterAll
  static void stop() {
    tls.close();
  }

  @Test
  void boringSslIsAvailableOnThisPlatform() {
    assertTrue(OpenSsl.isAvailable(), "netty-tcnative did not load: " + OpenSsl.unavailabilityCause());
    assertEquals(SslProvider.OPENSSL, TlsProviders.preferred());
  }

  @ParameterizedTest
  @EnumSource(value = SslProvider.class, names = {"OPENSSL", "JDK"})
  void twoNodesOfTheOverlayAuthenticateEachOther(SslProvider provider) throws Exception {
    Credentials alice = pki.node("blue", "alice");
    Credentials bob = pki.node("green", "bob");

    MtlsHandshake.Outcome outcome = tls.run(pki.server(alice, RevocationCheck.NONE, serverDecisions, provider), pki.client(bob, provider));

    assertNull(outcome.serverFailure(), () -> "server failed: " + outcome.serverFailure());
    assertEquals(bob.identity(), outcome.serverSawClient());
    assertEquals(alice.identity(), outcome.clientSawServer());
    assertEquals("hello spiffe://example.org/tenant/green/node/bob", outcome.greeting());
    assertEquals(List.of(bob.identity()), serverDecisions.admitted);
  }

  @Test
  void certificateFromAnotherCaIsRefused() throws Exception {
    TestPki impostorPki = new TestPki(); // same trust domain name, different CA key
    Credentials impostor = impostorPki.node("blue", "mallory");

    assertRefused(impostor, RevocationCheck.NONE, Reason.UNTRUSTED_ISSUER);
  }

  @Test
  void expiredCertificateIsRefused() throws Exception {
    Credentials shortLived = pki.node("blue", "mallory", Duration.ofHours(1));
    pki.clock.advance(Duration.ofHours(2));

    assertRefused(shortLived, RevocationCheck.NONE, Reason.EXPIRED);
  }

  @Test
  void certificateWithoutUriIsRefused() throws Exception {
    KeyMaterial noUri = RogueIssuer.issue(pki.ca, List.of(), pki.clock.instant(), Duration.ofHours(1));
    assertRefused(pki.forged(noUri, NodeIdentity.node(TestPki.DOMAIN, "blue", "mallory")), RevocationCheck.NONE, Reason.MISSING_IDENTITY);
  }

  @Test
  void certificateWithMalformedUriIsRefused() throws Exception {
    KeyMaterial bad =
        RogueIssuer.issue(pki.ca, List.of("spiffe://example.org/tenant/Blue/node/../x"), pki.clock.instant(), Duration.ofHours(1));
    assertRefused(pki.forged(bad, NodeIdentity.node(TestPki.DOMAIN, "blue", "mallory")), RevocationCheck.NONE, Reason.MALFORMED_IDENTITY);
  }

  @Test
  void certificateWithTwoIdentitiesIsRefused() throws Exception {
    KeyMaterial two =
        RogueIssuer.issue(
            pki.ca,
            List.of("spiffe://example.org/tenant/blue/node/a", "spiffe://example.org/tenant/blue/node/b"),
            pki.clock.instant(),
            Duration.ofHours(1));
    assertRefused(pki.forged(two, NodeIdentity.node(TestPki.DOMAIN, "blue", "a")), RevocationCheck.NONE, Reason.MALFORMED_IDENTITY);
  }

  @Test
  void certificateOfAnotherTrustDomainIsRefused() throws Exception {
    KeyMaterial foreign =
        RogueIssuer.issue(pki.ca, List.of("spiffe://other.org/tenant/blue/node/mallory"), pki.clock.instant(), Duration.ofHours(1));
    assertRefused(pki.forged(foreign, NodeIdentity.node(TestPki.DOMAIN, "blue", "mallory")), RevocationCheck.NONE, Reason.FOREIGN_TRUST_DOMAIN);
  }

  @Test
  void revokedSerialIsRefused() throws Exception {
    Credentials mallory = pki.node("blue", "mallory");
    String revokedSerial = mallory.keyMaterial().certificate().getSerialNumber().toString(16);
    RevocationCheck registry =
        (cert, id) -> cert.getSerialNumber().toString(16).equals(revokedSerial) ? Optional.of("key compromise") : Optional.empty();

    assertRefused(mallory, registry, Reason.REVOKED);
    assertTrue(serverDecisions.rejected.get(0).getMessage().contains("key compromise"));
  }

  @Test
  void revocationAppliesToTheNextHandshakeWithoutResumption() throws Exception {
    Credentials server = pki.node("blue", "alice");
    Credentials mallory = pki.node("blue", "mallory");
    Set<NodeIdentity> revoked = ConcurrentHashMap.newKeySet();
    RevocationCheck registry = (cert, id) -> revoked.contains(id) ? Optional.of("revoked by operator") : Optional.empty();
    SslContext serverContext = pki.server(server, registry, serverDecisions, SslProvider.OPENSSL);
    SslContext clientContext = pki.client(mallory, SslProvider.OPENSSL);

    assertTrue(tls.run(serverContext, clientContext).admitted());
    revoked.add(mallory.identity());
    MtlsHandshake.Outcome second = tls.run(serverContext, clientContext);

    assertFalse(second.admitted(), "a revoked peer completed a second handshake");
    assertEquals(Reason.REVOKED, serverDecisions.rejected.get(0).reason());
  }

  @ParameterizedTest
  @EnumSource(value = SslProvider.class, names = {"OPENSSL", "JDK"})
  void clientWithoutCertificateIsRefused(SslProvider provider) throws Exception {
    Credentials server = pki.node("blue", "alice");
    SslContext anonymous =
        SslContextBuilder.forClient()
            .sslProvider(provider)
            .protocols(TlsContexts.PROTOCOL)
            .trustManager(pki.trustManager(pki.clock, RevocationCheck.NONE, PeerCheckListener.NONE))
            .endpointIdentificationAlgorithm(null)
            .build();

    MtlsHandshake.Outcome outcome = tls.run(pki.server(server, RevocationCheck.NONE, serverDecisions, provider), anonymous);

    assertFalse(outcome.admitted());
    assertNotNull(outcome.serverFailure());
    String why = String.valueOf(outcome.serverFailure().getMessage()).toLowerCase(java.util.Locale.ROOT);
    assertTrue(why.contains("certificate"), () -> "unclear refusal: " + outcome.serverFailure());
    assertTrue(serverDecisions.admitted.isEmpty());
  }

  @Test
  void serverOfAnotherCaIsRefusedByTheClient() throws Exception {
    TestPki impostorPki = new TestPki();
    Credentials impostorServer = impostorPki.node("blue", "mallory");
    RecordingListener clientDecisions = new RecordingListener();
    SslContext client =
        TlsContexts.client(pki.node("blue", "bob"), pki.trustManager(pki.clock, RevocationCheck.NONE, clientDecisions), SslProvider.OPENSSL);

    MtlsHandshake.Outcome outcome =
        tls.run(impostorPki.server(impostorServer, RevocationCheck.NONE, PeerCheckListener.NONE, SslProvider.OPENSSL), client);

    assertFalse(outcome.admitted());
    assertNotNull(outcome.clientFailure());
    assertEquals(Reason.UNTRUSTED_ISSUER, clientDecisions.rejected.get(0).reason());
  }

  private void assertRefused(Credentials client, RevocationCheck revocation, Reason expected) throws Exception {
    Credentials server = pki.node("blue", "alice");
    MtlsHandshake.Outcome outcome =
        tls.run(pki.server(server, revocation, serverDecisions, SslProvider.OPENSSL), pki.client(client, SslProvider.OPENSSL));

    assertFalse(outcome.admitted(), "the server admitted " + outcome.serverSawClient());
    assertNotNull(outcome.serverFailure(), "the server's handshake did not fail");
    assertNull(outcome.greeting(), "the refused client received application data");
    assertEquals(1, serverDecisions.rejected.size(), () -> "decisions: " + serverDecisions.rejected);
    assertEquals(expected, serverDecisions.rejected.get(0).reason(), serverDecisions.rejected.get(0).getMessage());
    assertTrue(serverDecisions.admitted.isEmpty());
  }
}
