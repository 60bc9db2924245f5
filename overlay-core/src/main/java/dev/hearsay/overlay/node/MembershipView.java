package dev.hearsay.overlay.node;

import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.Claim;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.MembershipEvent;
import dev.hearsay.overlay.core.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A node's membership as readers outside the event loop see it (admin endpoint, CLI, tests): kept
 * from the core's membership events, so the core stays the only writer of the real view.
 */
public final class MembershipView {
  /** One member as reported: the winning claim's status and incarnation, its address, when it last changed. */
  public record Member(
      String id, String tenant, String name, Status status, long incarnation, String address, Instant lastChange,
      Map<String, String> metadata) {}

  private final Map<MemberId, Member> members = new ConcurrentHashMap<>();

  void apply(MembershipEvent event, Instant wallNow) {
    if (event.kind() == MembershipEvent.Kind.REMOVED || event.current() == null) {
      members.remove(event.subject());
      return;
    }
    Claim c = event.current();
    String address = c instanceof Alive a ? a.address() : addressOf(event.subject());
    Member previous = members.get(event.subject());
    members.put(event.subject(), new Member(
        event.subject().uri(), event.subject().tenant(), event.subject().name(), c.status(), c.incarnation(), address, wallNow,
        previous == null ? Map.of() : previous.metadata()));
  }

  /** The metadata this node holds about {@code subject} changed. */
  void metadata(MemberId subject, Map<String, String> entries) {
    members.computeIfPresent(subject, (id, m) -> new Member(m.id(), m.tenant(), m.name(), m.status(), m.incarnation(),
        m.address(), m.lastChange(), Map.copyOf(entries)));
  }

  /** This node's own entry, with its own metadata. */
  void self(MemberId self, long incarnation, String address, Instant wallNow, Map<String, String> metadata) {
    members.put(self, new Member(self.uri(), self.tenant(), self.name(), Status.ALIVE, incarnation, address, wallNow, metadata));
  }

  private String addressOf(MemberId subject) {
    Member previous = members.get(subject);
    return previous == null ? null : previous.address();
  }

  /** Every known member, sorted by identity. */
  public List<Member> members() {
    List<Member> list = new ArrayList<>(members.values());
    list.sort(Comparator.comparing(Member::id));
    return list;
  }

  public Status statusOf(String identityUri) {
    Member m = members.get(MemberId.parse(identityUri));
    return m == null ? null : m.status();
  }

  public Member member(String identityUri) {
    return members.get(MemberId.parse(identityUri));
  }
}
