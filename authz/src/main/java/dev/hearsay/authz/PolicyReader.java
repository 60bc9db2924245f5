package dev.hearsay.authz;

import com.fasterxml.jackson.core.JsonToken;
import dev.hearsay.crypto.InvalidIdentityException;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.Role;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns a read YAML document into a {@link Policy}, checking the schema of POLICY.md as it goes. The
 * first mistake stops it with a {@link PolicyException} that names its place and path.
 */
final class PolicyReader {
  private static final List<String> ROOT_KEYS = List.of("version", "tenants", "seeds", "accusers", "metadata", "limits");
  private static final List<String> TENANT_KEYS = List.of("name", "membership");
  private static final List<String> ACCUSER_KEYS = List.of("mode", "quorum", "monitors");
  private static final List<String> METADATA_KEYS = List.of("namespaces");
  private static final List<String> NAMESPACE_KEYS = List.of("prefix", "writers", "tenants");
  private static final List<String> LIMIT_KEYS =
      List.of(
          "frames-per-second",
          "bytes-per-second",
          "claims-per-second",
          "accusations-per-minute",
          "connections",
          "joins-per-minute",
          "verifications-per-second");

  private final String file;
  private final Map<String, SourcePosition> declaredTenants = new LinkedHashMap<>();

  PolicyReader(String file) {
    this.file = file;
  }

  Policy read(YamlNode root) throws PolicyException {
    requireMap(root);
    readVersion(root);
    checkKeys(root, ROOT_KEYS);
    Policy.Builder policy = Policy.builder();
    YamlNode tenants = root.entries().get("tenants");
    if (tenants != null) {
      readTenants(tenants, policy);
    }
    YamlNode seeds = root.entries().get("seeds");
    if (seeds != null) {
      readSeeds(seeds, policy);
    }
    YamlNode accusers = root.entries().get("accusers");
    if (accusers != null) {
      policy.accusers(readAccusers(accusers));
    }
    YamlNode metadata = root.entries().get("metadata");
    if (metadata != null) {
      policy.metadata(readMetadata(metadata));
    }
    YamlNode limits = root.entries().get("limits");
    if (limits != null) {
      readLimits(limits, policy);
    }
    return policy.build();
  }

  private void readVersion(YamlNode root) throws PolicyException {
    YamlNode version = root.entries().get("version");
    if (version == null) {
      throw new PolicyException(
          file, root.position(), "version", "missing required key 'version' (this build reads version " + Policy.VERSION + ")");
    }
    long v = wholeNumber(version);
    if (v != Policy.VERSION) {
      throw fail(version, "unsupported version " + v + " (this build reads version " + Policy.VERSION + ")");
    }
  }

  private void readTenants(YamlNode tenants, Policy.Builder policy) throws PolicyException {
    for (YamlNode tenant : requireList(tenants).items()) {
      requireMap(tenant);
      checkKeys(tenant, TENANT_KEYS);
      YamlNode nameNode = required(tenant, "name");
      String name = tenantName(nameNode);
      SourcePosition first = declaredTenants.putIfAbsent(name, nameNode.position());
      if (first != null) {
        throw fail(nameNode, "duplicate tenant '" + name + "' (first declared at " + first + ")");
      }
      YamlNode membership = tenant.entries().get("membership");
      policy.tenant(
          name,
          membership == null
              ? TenantMembership.ISOLATED
              : choice(membership, TenantMembership.values(), TenantMembership::label));
    }
  }

  private void readSeeds(YamlNode seeds, Policy.Builder policy) throws PolicyException {
    Set<NodeIdentity> seen = new LinkedHashSet<>();
    for (YamlNode item : requireList(seeds).items()) {
      String uri = string(item);
      NodeIdentity seed;
      try {
        seed = NodeIdentity.parse(uri);
      } catch (InvalidIdentityException e) {
        throw fail(item, "not an identity: " + e.getMessage());
      }
      if (seed.role() != Role.NODE) {
        throw fail(item, "a seed must be a node identity (spiffe://<domain>/tenant/<tenant>/node/<name>), not a " + seed.role().label());
      }
      requireDeclaredTenant(item, seed.tenant().orElseThrow());
      if (!seen.add(seed)) {
        throw fail(item, "duplicate seed '" + uri + "'");
      }
      policy.seed(seed);
    }
  }

  private AccuserPolicy readAccusers(YamlNode accusers) throws PolicyException {
    requireMap(accusers);
    checkKeys(accusers, ACCUSER_KEYS);
    YamlNode modeNode = accusers.entries().get("mode");
    AccuserMode mode = modeNode == null ? AccuserMode.SAME_TENANT : choice(modeNode, AccuserMode.values(), AccuserMode::label);
    YamlNode quorumNode = accusers.entries().get("quorum");
    long quorum = AccuserPolicy.DEFAULT_QUORUM;
    if (quorumNode != null) {
      quorum = wholeNumber(quorumNode);
      if (quorum < 1) {
        throw fail(quorumNode, "the quorum k must be at least 1, got " + quorum);
      }
      if (quorum > Integer.MAX_VALUE) {
        throw fail(quorumNode, "the quorum k is too large: " + quorum);
      }
    }
    YamlNode monitorsNode = accusers.entries().get("monitors");
    long monitors = 0;
    if (mode == AccuserMode.MONITORS) {
      if (monitorsNode == null) {
        throw new PolicyException(
            file, accusers.position(), accusers.childPath("monitors"),
            "mode 'monitors' needs 'monitors': how many monitors each node has");
      }
      monitors = wholeNumber(monitorsNode);
      if (monitors < quorum || monitors > Integer.MAX_VALUE) {
        throw fail(monitorsNode, "monitors must be at least the quorum k (" + quorum + "), got " + monitors);
      }
    } else if (monitorsNode != null) {
      throw failKey(accusers, "monitors", "only used with mode 'monitors' (mode is '" + mode.label() + "')");
    }
    return new AccuserPolicy(mode, (int) quorum, (int) monitors);
  }

  private MetadataPolicy readMetadata(YamlNode metadata) throws PolicyException {
    requireMap(metadata);
    checkKeys(metadata, METADATA_KEYS);
    YamlNode namespacesNode = metadata.entries().get("namespaces");
    List<MetadataNamespace> namespaces = new ArrayList<>();
    if (namespacesNode == null) {
      return new MetadataPolicy(namespaces);
    }
    Map<String, SourcePosition> prefixes = new LinkedHashMap<>();
    for (YamlNode ns : requireList(namespacesNode).items()) {
      requireMap(ns);
      checkKeys(ns, NAMESPACE_KEYS);
      YamlNode prefixNode = required(ns, "prefix");
      String prefix = string(prefixNode);
      if (prefix.isEmpty() || !prefix.strip().equals(prefix) || prefix.chars().anyMatch(Character::isWhitespace)) {
        throw fail(prefixNode, "a prefix must be non-empty and contain no whitespace, got '" + prefix + "'");
      }
      SourcePosition first = prefixes.putIfAbsent(prefix, prefixNode.position());
      if (first != null) {
        throw fail(prefixNode, "duplicate namespace '" + prefix + "' (first declared at " + first + ")");
      }
      Set<MetadataWriter> writers = EnumSet.noneOf(MetadataWriter.class);
      for (YamlNode w : requireList(required(ns, "writers")).items()) {
        if (!writers.add(choice(w, MetadataWriter.values(), MetadataWriter::label))) {
          throw fail(w, "duplicate writer '" + w.text() + "'");
        }
      }
      Set<String> tenants = new LinkedHashSet<>();
      YamlNode tenantsNode = ns.entries().get("tenants");
      if (tenantsNode != null) {
        for (YamlNode t : requireList(tenantsNode).items()) {
          String tenant = string(t);
          requireDeclaredTenant(t, tenant);
          if (!tenants.add(tenant)) {
            throw fail(t, "duplicate tenant '" + tenant + "'");
          }
        }
      }
      namespaces.add(new MetadataNamespace(prefix, writers, tenants));
    }
    return new MetadataPolicy(namespaces);
  }

  private void readLimits(YamlNode limits, Policy.Builder policy) throws PolicyException {
    requireMap(limits);
    Map<String, PolicyRole> roles = new LinkedHashMap<>();
    for (PolicyRole role : PolicyRole.values()) {
      roles.put(role.label(), role);
    }
    checkKeys(limits, List.copyOf(roles.keySet()));
    for (Map.Entry<String, YamlNode> e : limits.entries().entrySet()) {
      PolicyRole role = roles.get(e.getKey());
      YamlNode fields = requireMap(e.getValue());
      checkKeys(fields, LIMIT_KEYS);
      RateLimits d = RateLimits.defaultsFor(role);
      policy.limits(
          role,
          new RateLimits(
              limit(fields, "frames-per-second", d.framesPerSecond()),
              limit(fields, "bytes-per-second", d.bytesPerSecond()),
              limit(fields, "claims-per-second", d.claimsPerSecond()),
              limit(fields, "accusations-per-minute", d.accusationsPerMinute()),
              limit(fields, "connections", d.connections()),
              limit(fields, "joins-per-minute", d.joinsPerMinute()),
              limit(fields, "verifications-per-second", d.verificationsPerSecond())));
    }
  }

  private long limit(YamlNode fields, String key, long defaultValue) throws PolicyException {
    YamlNode node = fields.entries().get(key);
    if (node == null) {
      return defaultValue;
    }
    long value = wholeNumber(node);
    if (value < 0) {
      throw fail(node, "a limit must not be negative, got " + value);
    }
    return value;
  }

  // --- checks shared by the sections ---

  private String tenantName(YamlNode node) throws PolicyException {
    String name = string(node);
    try {
      // The identity rules are the source of truth for what a tenant name may be.
      NodeIdentity.node("policy.check", name, "n");
    } catch (InvalidIdentityException e) {
      throw fail(node, e.getMessage());
    }
    return name;
  }

  private void requireDeclaredTenant(YamlNode where, String tenant) throws PolicyException {
    if (!declaredTenants.containsKey(tenant)) {
      throw fail(
          where,
          "unknown tenant '" + tenant + "' ("
              + (declaredTenants.isEmpty()
                  ? "no tenants are declared"
                  : "declared tenants: " + String.join(", ", declaredTenants.keySet()))
              + ")");
    }
  }

  private YamlNode required(YamlNode map, String key) throws PolicyException {
    YamlNode value = map.entries().get(key);
    if (value == null) {
      throw new PolicyException(file, map.position(), map.childPath(key), "missing required key '" + key + "'");
    }
    return value;
  }

  private void checkKeys(YamlNode map, List<String> allowed) throws PolicyException {
    for (String key : map.entries().keySet()) {
      if (!allowed.contains(key)) {
        throw failKey(map, key, "unknown key '" + key + "' (expected one of: " + String.join(", ", allowed) + ")");
      }
    }
  }

  private YamlNode requireMap(YamlNode node) throws PolicyException {
    if (node.type() != YamlNode.Type.MAP) {
      throw fail(node, "expected a mapping, got " + node.describe());
    }
    return node;
  }

  private YamlNode requireList(YamlNode node) throws PolicyException {
    if (node.type() != YamlNode.Type.LIST) {
      throw fail(node, "expected a list, got " + node.describe());
    }
    return node;
  }

  private String string(YamlNode node) throws PolicyException {
    if (node.type() != YamlNode.Type.SCALAR || node.isNull()) {
      throw fail(node, "expected a string, got " + node.describe());
    }
    return node.text();
  }

  private long wholeNumber(YamlNode node) throws PolicyException {
    if (node.type() != YamlNode.Type.SCALAR || node.token() != JsonToken.VALUE_NUMBER_INT) {
      throw fail(node, "expected a whole number, got " + node.describe());
    }
    if (node.integer() == null) {
      throw fail(node, "number too large: " + node.text());
    }
    return node.integer();
  }

  private <E extends Enum<E>> E choice(YamlNode node, E[] values, Function<E, String> label) throws PolicyException {
    String text = string(node);
    for (E value : values) {
      if (label.apply(value).equals(text)) {
        return value;
      }
    }
    throw fail(
        node,
        "unknown value '" + text + "' (expected one of: "
            + Arrays.stream(values).map(label).collect(Collectors.joining(", ")) + ")");
  }

  private PolicyException fail(YamlNode node, String problem) {
    return new PolicyException(file, node.position(), node.path(), problem);
  }

  private PolicyException failKey(YamlNode map, String key, String problem) {
    return new PolicyException(file, map.keyPosition(key), map.childPath(key), problem);
  }
}
