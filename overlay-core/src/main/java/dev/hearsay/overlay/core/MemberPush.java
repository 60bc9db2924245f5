package dev.hearsay.overlay.core;

import java.util.List;
import java.util.Objects;

/**
 * The answer to a {@link MemberPull}: the subject's current ALIVE and its metadata claims, each signed by
 * the subject. The sending runtime leaves out what the asker may not read and always encloses the
 * subject's certificate.
 */
public record MemberPush(Alive alive, List<Meta> meta) implements Message {
  /** A member has at most one claim per visibility class. */
  public static final int MAX_META = 2;

  public MemberPush {
    Objects.requireNonNull(alive, "alive");
    meta = List.copyOf(meta);
    if (meta.size() > MAX_META) {
      throw new IllegalArgumentException("at most " + MAX_META + " metadata claims per member");
    }
  }

  @Override
  public int estimatedBytes() {
    int bytes = FRAME_BYTES + alive.estimatedBytes() + 1;
    for (Meta m : meta) {
      bytes += m.estimatedBytes();
    }
    return bytes;
  }
}
