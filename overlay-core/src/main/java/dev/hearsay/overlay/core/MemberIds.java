package dev.hearsay.overlay.core;

import java.util.HashMap;
import java.util.Map;

/**
 * Interns member identities so that every view in a process shares one instance per member.
 *
 * <p>Not thread-safe: one interner per decoding context (the simulator, or one runtime's codec).
 */
public final class MemberIds {

  private final Map<String, MemberId> byUri = new HashMap<>();

  /** Returns the shared instance for {@code uri}, parsing it the first time. */
  public MemberId intern(String uri) {
    MemberId id = byUri.get(uri);
    if (id == null) {
      id = MemberId.parse(uri);
      byUri.put(uri, id);
    }
    return id;
  }

  /** Returns the shared instance equal to {@code id}. */
  public MemberId intern(MemberId id) {
    return byUri.computeIfAbsent(id.uri(), u -> id);
  }

  public int size() {
    return byUri.size();
  }
}
