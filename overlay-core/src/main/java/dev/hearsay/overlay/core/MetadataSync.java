package dev.hearsay.overlay.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Members' metadata: what this node holds, and pulling what it lacks. A member's ALIVE names its
 * metadata version; when this node holds an older version of a class it may read, it asks the member
 * itself (a {@link MemberPull}, a few per gossip tick, each member at most once per probe interval),
 * which answers with exactly what the asker may read. Pull rather than piggyback, because who may
 * receive an entry depends on who asks, and a relay cannot strip a signed claim.
 */
final class MetadataSync {
  /** Members waiting for their metadata; beyond it, later ALIVEs bring the rest. */
  static final int MAX_WANTED = 4096;
  /** Pulls sent per gossip tick. */
  static final int PULLS_PER_TICK = 4;
  /** Entries looked at per gossip tick, whatever the backlog. */
  private static final int SCANNED_PER_TICK = 64;
  private static final int PRIVATE = 0;
  private static final int SHARED = 1;

  private final MembershipConfig config;
  private final MemberTable table;
  private MetadataAccess access;
  private final Map<MemberId, Meta[]> held = new HashMap<>();
  /** Subject to the time it was last asked; insertion order is the order of asking. */
  private final LinkedHashMap<MemberId, Long> wanted = new LinkedHashMap<>();
  private final Set<MemberId> changed = new LinkedHashSet<>();

  MetadataSync(MemberId self, MembershipConfig config, MemberTable table) {
    this.config = config;
    this.table = table;
    this.access = MetadataAccess.sameTenantPrivate(self);
  }

  void access(MetadataAccess access) {
    this.access = access;
  }

  /** {@code a} became the latest ALIVE of its subject here. */
  void onAlive(Alive a) {
    MemberId subject = a.subject();
    if (a.metaVersion() == 0) {
      if (held.remove(subject) != null) {
        changed.add(subject);
      }
      wanted.remove(subject);
      return;
    }
    if (!isCurrent(a) && wanted.size() < MAX_WANTED) {
      wanted.putIfAbsent(subject, Long.MIN_VALUE / 2);
    }
  }

  /** Keeps the metadata claims of a push that are newer than what this node holds and readable by it. */
  void store(MemberId subject, List<Meta> metas) {
    for (Meta m : metas) {
      if (!m.subject().equals(subject) || !access.mayRead(subject, m.shared())) {
        continue;
      }
      Meta[] mine = held.computeIfAbsent(subject, s -> new Meta[2]);
      int i = m.shared() ? SHARED : PRIVATE;
      if (mine[i] == null || m.version() > mine[i].version()) {
        mine[i] = m;
        changed.add(subject);
      }
    }
    Alive current = table.alive(subject);
    if (current != null && isCurrent(current)) {
      wanted.remove(subject);
    }
  }

  /** Members whose metadata changed since the last call; the core reports them as events. */
  List<MemberId> drainChanged() {
    if (changed.isEmpty()) {
      return List.of();
    }
    List<MemberId> out = new ArrayList<>(changed);
    changed.clear();
    return out;
  }

  void onGossipTick(long now, Effects out) {
    List<MemberId> asked = new ArrayList<>();
    int scanned = 0;
    for (Iterator<Map.Entry<MemberId, Long>> it = wanted.entrySet().iterator();
        it.hasNext() && asked.size() < PULLS_PER_TICK && scanned < SCANNED_PER_TICK; scanned++) {
      Map.Entry<MemberId, Long> e = it.next();
      MemberId subject = e.getKey();
      int slot = table.find(subject);
      if (slot < 0 || table.aliveAt(slot) == null || table.topAt(slot).status().isGone()
          || isCurrent(table.aliveAt(slot))) {
        it.remove();
        continue;
      }
      if (now - e.getValue() < config.probeInterval()) {
        continue;
      }
      out.send(table.aliveAt(slot).address(), new MemberPull(subject));
      it.remove();
      asked.add(subject);
    }
    for (MemberId subject : asked) {
      wanted.put(subject, now); // to the back of the line until it answers
    }
  }

  /** What this node holds about {@code subject}, both classes, for an answer to a pull. */
  List<Meta> heldFor(MemberId subject) {
    Meta[] mine = held.get(subject);
    if (mine == null) {
      return List.of();
    }
    List<Meta> out = new ArrayList<>(2);
    for (Meta m : mine) {
      if (m != null) {
        out.add(m);
      }
    }
    return out;
  }

  /** The entries of {@code subject} this node holds, both classes merged. */
  SortedMap<String, String> entriesOf(MemberId subject) {
    Meta[] mine = held.get(subject);
    if (mine == null) {
      return Collections.emptySortedMap();
    }
    TreeMap<String, String> merged = new TreeMap<>();
    for (Meta m : mine) {
      if (m != null) {
        merged.putAll(m.entries());
      }
    }
    return Collections.unmodifiableSortedMap(merged);
  }

  void forget(MemberId subject) {
    held.remove(subject);
    wanted.remove(subject);
  }

  int wantedCount() {
    return wanted.size();
  }

  /** True if this node holds, for every class it may read, the version {@code a} names. */
  private boolean isCurrent(Alive a) {
    Meta[] mine = held.get(a.subject());
    for (int i = PRIVATE; i <= SHARED; i++) {
      if (!access.mayRead(a.subject(), i == SHARED)) {
        continue;
      }
      if (mine == null || mine[i] == null || mine[i].version() != a.metaVersion()) {
        return false;
      }
    }
    return true;
  }
}
