package dev.hearsay.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.hearsay.crypto.NodeIdentity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the wire layer may send: a member's membership entry, a private metadata entry, a shared
 * metadata entry, for every kind of viewer and both settings of the subject's tenant (blue). The
 * viewer's own tenant setting (red) is varied too and never matters: only the owner's setting opens
 * or closes its tenant. A listed seed sees every tenant's members (nodes of isolated tenants join
 * through it) but reads metadata like any node of its tenant.
 */
class VisibilityTableTest {

  private static final String ORACLE =
      """
      blue       viewer        view           read-private       read-shared
      isolated   same-tenant   ALLOW          ALLOW              ALLOW
      isolated   other-tenant  CROSS_TENANT   PRIVATE_METADATA   CROSS_TENANT
      isolated   seed          ALLOW          PRIVATE_METADATA   CROSS_TENANT
      isolated   registry      WRONG_ROLE     WRONG_ROLE         WRONG_ROLE
      isolated   operator      WRONG_ROLE     WRONG_ROLE         WRONG_ROLE
      shared     same-tenant   ALLOW          ALLOW              ALLOW
      shared     other-tenant  ALLOW          PRIVATE_METADATA   ALLOW
      shared     seed          ALLOW          PRIVATE_METADATA   ALLOW
      shared     registry      WRONG_ROLE     WRONG_ROLE         WRONG_ROLE
      shared     operator      WRONG_ROLE     WRONG_ROLE         WRONG_ROLE
      """;

  enum Viewer {
    SAME_TENANT,
    OTHER_TENANT,
    /** A node of the other tenant that the policy lists as a seed. */
    SEED,
    REGISTRY,
    OPERATOR
  }

  enum What {
    VIEW,
    READ_PRIVATE,
    READ_SHARED
  }

  private static final Map<String, String> EXPECTED = parseOracle();
  private static final NodeIdentity RED_SEED = Ids.node("red", "seed-1");

  static Stream<Arguments> everyCell() {
    List<Arguments> cells = new ArrayList<>();
    for (TenantMembership blue : TenantMembership.values()) {
      for (TenantMembership red : TenantMembership.values()) {
        for (Viewer viewer : Viewer.values()) {
          for (What what : What.values()) {
            cells.add(Arguments.of(blue, red, viewer, what, EXPECTED.get(key(blue, viewer, what))));
          }
        }
      }
    }
    return cells.stream();
  }

  @ParameterizedTest(name = "blue {0}, red {1}: {3} by {2} -> {4}")
  @MethodSource("everyCell")
  void sendsOnlyWhatTheOracleAllows(TenantMembership blue, TenantMembership red, Viewer viewer, What what, String expected) {
    assertNotNull(expected, "the oracle has no cell for " + key(blue, viewer, what));
    Authorizer authz = new Authorizer(Policy.builder().tenant("blue", blue).tenant("red", red).seed(RED_SEED).build());
    Principal who =
        Principal.valid(
            switch (viewer) {
              case SAME_TENANT -> Ids.BLUE_2;
              case OTHER_TENANT -> Ids.RED_1;
              case SEED -> RED_SEED;
              case REGISTRY -> Ids.REGISTRY;
              case OPERATOR -> Ids.OPERATOR;
            });
    NodeIdentity owner = Ids.BLUE_1;

    Decision decision =
        switch (what) {
          case VIEW -> authz.view(who, owner);
          case READ_PRIVATE -> authz.read(who, MetadataEntry.privateEntry(owner, "db.url"));
          case READ_SHARED -> authz.read(who, MetadataEntry.sharedEntry(owner, "zone"));
        };

    String actual = decision instanceof Decision.Deny deny ? deny.reason().name() : "ALLOW";
    assertEquals(expected, actual, decision.toString());
    boolean allowed = expected.equals("ALLOW");
    switch (what) {
      case VIEW -> assertEquals(allowed, authz.mayView(who, owner));
      case READ_PRIVATE -> assertEquals(allowed, authz.mayRead(who, MetadataEntry.privateEntry(owner, "db.url")));
      case READ_SHARED -> assertEquals(allowed, authz.mayRead(who, MetadataEntry.sharedEntry(owner, "zone")));
    }
  }

  private static String key(TenantMembership blue, Viewer viewer, What what) {
    return blue + "/" + viewer + "/" + what;
  }

  private static Map<String, String> parseOracle() {
    List<String[]> rows = new ArrayList<>();
    for (String line : ORACLE.strip().split("\n")) {
      rows.add(line.trim().split("\\s+"));
    }
    String[] header = rows.get(0);
    Map<String, String> cells = new HashMap<>();
    for (String[] row : rows.subList(1, rows.size())) {
      TenantMembership blue = TenantMembership.valueOf(row[0].toUpperCase(Locale.ROOT));
      Viewer viewer = Viewer.valueOf(row[1].toUpperCase(Locale.ROOT).replace('-', '_'));
      for (int c = 2; c < header.length; c++) {
        What what = What.valueOf(header[c].toUpperCase(Locale.ROOT).replace('-', '_'));
        if (cells.put(key(blue, viewer, what), row[c]) != null) {
          throw new IllegalStateException("two cells for " + key(blue, viewer, what));
        }
      }
    }
    return cells;
  }
}
