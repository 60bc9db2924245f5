package dev.hearsay.overlay.core;

import java.util.function.Predicate;

/**
 * Which members a node may be told about. Every member's entries belong to one visibility class:
 * {@link #EVERYONE}, or the name of the isolated tenant they are confined to. A node sees
 * {@link #EVERYONE} and its own class; a node that sees every class (a seed the policy lists, which
 * nodes of isolated tenants join through) sees them all.
 *
 * <p>The core holds itself to this rule: it never sends a peer a claim about a member the peer may
 * not see, nor a digest over such members, and it ignores claims about members it may not see
 * itself. The layer around the core refuses (and counts) such claims before the core sees them.
 */
public interface MemberVisibility {

  /** The class of members every node may see. */
  String EVERYONE = "";

  /** Every member visible to every node: the simulator, and overlays with one tenant. */
  MemberVisibility ALL = isolating(tenant -> false, member -> true);

  /** The visibility class of {@code member}'s entries. */
  String classOf(MemberId member);

  /** Whether {@code member} sees the entries of every class. */
  boolean seesEveryClass(MemberId member);

  default boolean mayView(MemberId viewer, MemberId subject) {
    String c = classOf(subject);
    return c.equals(EVERYONE) || seesEveryClass(viewer) || c.equals(classOf(viewer));
  }

  /**
   * Members of the tenants {@code isolated} accepts are confined to their tenant; {@code seesAll}
   * names the members that see every class.
   */
  static MemberVisibility isolating(Predicate<String> isolated, Predicate<MemberId> seesAll) {
    return new MemberVisibility() {
      @Override
      public String classOf(MemberId member) {
        return isolated.test(member.tenant()) ? member.tenant() : EVERYONE;
      }

      @Override
      public boolean seesEveryClass(MemberId member) {
        return seesAll.test(member);
      }
    };
  }
}
