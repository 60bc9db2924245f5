package dev.hearsay.authz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyLoaderTest {

  /** One bad file per kind of mistake: where it is, the YAML path, and what is wrong. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          unknown-key.yaml                     | 2:1  | tenant                             | unknown key 'tenant' (expected one of: version, tenants, seeds, accusers, metadata, limits)
          unknown-nested-key.yaml              | 4:3  | accusers.qourum                    | unknown key 'qourum' (expected one of: mode, quorum, monitors)
          unknown-role-in-limits.yaml          | 3:3  | limits.members                     | unknown key 'members' (expected one of: member, seed, registry, operator)
          wrong-type-number.yaml               | 3:11 | accusers.quorum                    | expected a whole number, got the string 'two'
          wrong-type-list.yaml                 | 2:10 | tenants                            | expected a list, got the string 'blue'
          empty-value.yaml                     | 2:9  | tenants                            | expected a list, got nothing
          unknown-accuser-mode.yaml            | 8:9  | accusers.mode                      | unknown value 'everyone' (expected one of: same-tenant, any-member, monitors)
          unknown-membership.yaml              | 4:17 | tenants[0].membership              | unknown value 'public' (expected one of: shared, isolated)
          unknown-writer.yaml                  | 5:27 | metadata.namespaces[0].writers[1]  | unknown value 'admin' (expected one of: self, operator)
          unknown-tenant-in-seeds.yaml         | 6:5  | seeds[1]                           | unknown tenant 'green' (declared tenants: blue)
          unknown-tenant-in-namespace.yaml     | 9:23 | metadata.namespaces[0].tenants[1]  | unknown tenant 'green' (declared tenants: blue, red)
          quorum-zero.yaml                     | 3:11 | accusers.quorum                    | the quorum k must be at least 1, got 0
          monitors-below-quorum.yaml           | 5:13 | accusers.monitors                  | monitors must be at least the quorum k (3), got 2
          monitors-without-monitors-mode.yaml  | 4:3  | accusers.monitors                  | only used with mode 'monitors' (mode is 'any-member')
          negative-limit.yaml                  | 5:23 | limits.member.bytes-per-second     | a limit must not be negative, got -1
          unknown-version.yaml                 | 1:10 | version                            | unsupported version 2 (this build reads version 1)
          missing-version.yaml                 | 1:1  | version                            | missing required key 'version' (this build reads version 1)
          namespace-without-writers.yaml       | 4:7  | metadata.namespaces[0].writers     | missing required key 'writers'
          duplicate-tenant.yaml                | 6:11 | tenants[2].name                    | duplicate tenant 'blue' (first declared at 3:11)
          duplicate-key.yaml                   | 4:3  | accusers.quorum                    | duplicate key 'quorum' (first at 3:3)
          bad-tenant-name.yaml                 | 3:11 | tenants[0].name                    | tenant 'Blue' may only use a-z, 0-9, '.', '_' and '-', starting and ending with a letter or digit
          seed-not-a-node.yaml                 | 3:5  | seeds[0]                           | a seed must be a node identity (spiffe://<domain>/tenant/<tenant>/node/<name>), not a registry
          seed-not-an-identity.yaml            | 3:5  | seeds[0]                           | not an identity: identity URI must start with spiffe://: http://example.org/tenant/blue/node/n1
          malformed.yaml                       | 4:4  | ""                                 | malformed YAML: expected <block end>, but found '<block mapping start>'
          empty.yaml                           | 1:1  | ""                                 | the policy is empty; it needs at least 'version: 1'
          """)
  void aBadFileGivesOneMessageWithFilePlaceAndProblem(String name, String location, String path, String problem)
      throws Exception {
    Path file = resource("/policies/" + name);

    PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.load(file));

    assertEquals(file.toString(), e.file());
    assertEquals(Optional.of(location), e.location().map(SourcePosition::toString));
    assertEquals(path, e.path());
    assertEquals(problem, e.problem());
    String pathPart = path.isEmpty() ? "" : path + ": ";
    assertEquals(file + ":" + location + ": " + pathPart + problem, e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), "one line");
  }

  @Test
  void everyBadFileIsCoveredByTheTable() throws Exception {
    try (var files = Files.list(resource("/policies"))) {
      assertEquals(25, files.count(), "add a row above for each new bad file");
    }
  }

  @Test
  void theMessageMatchesTheDocumentedShape() {
    PolicyException e =
        assertThrows(
            PolicyException.class,
            () -> PolicyLoader.parse("version: 1\naccusers:\n  mode: everyone\n", "policy.yaml"));
    assertEquals(
        "policy.yaml:3:9: accusers.mode: unknown value 'everyone' (expected one of: same-tenant, any-member, monitors)",
        e.getMessage());
  }

  @Test
  void aMissingFileIsNamedWithoutAPlace(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");
    PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.load(missing));
    assertEquals(missing + ": no such file", e.getMessage());
    assertEquals(Optional.empty(), e.location());
  }

  @Test
  void aFileThatIsNotUtf8IsRefused(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("latin1.yaml");
    Files.write(file, new byte[] {'v', 'e', 'r', ':', ' ', (byte) 0xE9, '\n'});
    PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.load(file));
    assertEquals(file + ": not UTF-8 text", e.getMessage());
  }

  @Test
  void anOversizedFileIsRefusedBeforeParsing(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("huge.yaml");
    Files.writeString(file, "version: 1\n" + "#".repeat(PolicyLoader.MAX_BYTES));
    PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.load(file));
    assertEquals(file + ": larger than " + PolicyLoader.MAX_BYTES + " bytes", e.getMessage());
  }

  @Test
  void aSecondDocumentIsRefused() {
    PolicyException e =
        assertThrows(PolicyException.class, () -> PolicyLoader.parse("version: 1\n---\nversion: 1\n", "p.yaml"));
    assertEquals("p.yaml:3:1: a second YAML document; a policy file holds one", e.getMessage());
  }

  @Test
  void anAliasIsRefusedRatherThanReadAsItsName() {
    PolicyException e =
        assertThrows(
            PolicyException.class,
            () -> PolicyLoader.parse("version: 1\ntenants:\n  - &b {name: blue}\n  - *b\n", "p.yaml"));
    assertEquals("p.yaml:4:5: tenants[1]: aliases (*b) are not supported in a policy file", e.getMessage());
  }

  @Test
  void aComplexKeyIsMalformed() {
    PolicyException e =
        assertThrows(PolicyException.class, () -> PolicyLoader.parse("version: 1\n? [a]\n: b\n", "p.yaml"));
    assertEquals("p.yaml:2:4: malformed YAML: a key must be a plain value, not a list or a mapping", e.getMessage());
  }

  @Test
  void aDocumentThatIsNotAMappingIsRefusedAtItsStart() {
    PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.parse("hello\n", "p.yaml"));
    assertEquals("p.yaml:1:1: expected a mapping, got the string 'hello'", e.getMessage());
  }

  @Test
  void noFileMeansTheDefaults() throws PolicyException {
    assertSame(Policy.defaults(), PolicyLoader.loadOrDefaults(Optional.empty()));
  }

  @Test
  void theSmallestFileIsTheDefaults() throws PolicyException {
    assertEquals(Policy.defaults(), PolicyLoader.parse("version: 1\n", "p.yaml"));
  }

  @Test
  void theExampleLoadsToTheExpectedModel() throws Exception {
    Policy loaded = PolicyLoader.load(resource("/example-policy.yaml"));

    Policy expected =
        Policy.builder()
            .tenant("payments", TenantMembership.ISOLATED)
            .tenant("web", TenantMembership.SHARED)
            .tenant("infra", TenantMembership.SHARED)
            .seed(Ids.node("infra", "seed-1"))
            .seed(Ids.node("infra", "seed-2"))
            .accusers(new AccuserPolicy(AccuserMode.MONITORS, 3, 5))
            .metadata(
                new MetadataPolicy(
                    java.util.List.of(
                        new MetadataNamespace("ops.", Set.of(MetadataWriter.OPERATOR), Set.of("payments", "web")),
                        new MetadataNamespace(
                            "deploy.", Set.of(MetadataWriter.SELF, MetadataWriter.OPERATOR), Set.of()),
                        new MetadataNamespace("hearsay.", Set.of(), Set.of()))))
            .limits(PolicyRole.MEMBER, new RateLimits(200, 262144, 500, 30, 4, 10, 200))
            .limits(PolicyRole.SEED, new RateLimits(400, 2097152, 1000, 30, 16, 10, 400))
            .limits(PolicyRole.OPERATOR, new RateLimits(20, 65536, 100, 0, 2, 0, 50))
            .build();
    assertEquals(expected, loaded);
    assertEquals(RateLimits.defaultsFor(PolicyRole.REGISTRY), loaded.limits(PolicyRole.REGISTRY));
    assertEquals(java.util.List.of("payments", "web", "infra"), java.util.List.copyOf(loaded.tenants().keySet()));
  }

  @Test
  void theShippedExampleIsTheTestedOne() throws Exception {
    byte[] tested = Files.readAllBytes(resource("/example-policy.yaml"));
    byte[] shipped;
    try (InputStream in = Policy.class.getResourceAsStream("example-policy.yaml")) {
      assertTrue(in != null, "dev/hearsay/authz/example-policy.yaml is on the classpath");
      shipped = in.readAllBytes();
    }
    assertArrayEquals(tested, shipped);
  }

  @Test
  void theExampleInPolicyMdIsTheTestedOne() throws Exception {
    String doc = Files.readString(Path.of("POLICY.md"));
    String example = Files.readString(resource("/example-policy.yaml"));
    assertTrue(doc.contains("```yaml\n" + example + "```"), "POLICY.md quotes example-policy.yaml verbatim");
  }

  private static Path resource(String name) throws URISyntaxException {
    URL url = PolicyLoaderTest.class.getResource(name);
    assertTrue(url != null, name + " is on the test classpath");
    return Path.of(url.toURI());
  }
}
