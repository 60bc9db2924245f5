package dev.hearsay.chaos.adversary;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.Gossip;
import dev.hearsay.overlay.core.Message;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Attacks on the framing and the sender binding, and floods of frames. */
final class FrameAttacks {
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private FrameAttacks() {}

  @Command(name = "impersonate", description = "A frame naming another member as its sender, over the adversary's own connection.")
  static final class Impersonate extends Attack.OverConnection {
    @Option(names = "--as", required = true, description = "The member the frame claims to come from.")
    String as;

    @Override
    Report run(Adversary a, Channel ch) throws Exception {
      a.sendAs(ch, NodeIdentity.parse(as), new Gossip(List.of(), false));
      boolean closed = ch.closeFuture().await(CLOSE_TIMEOUT.toMillis());
      return new Report("impersonate").put("as", as).put("connection_closed", closed);
    }
  }

  @Command(name = "bad-frames", description = "Oversized, truncated, garbage and unknown-version frames, each on a connection of its own.")
  static final class BadFrames extends Attack {
    @Option(names = "--kind", split = ",", description = "Which (default: all): ${COMPLETION-CANDIDATES}.")
    Set<RawFrames.Kind> kinds = EnumSet.allOf(RawFrames.Kind.class);

    @Option(names = "--seed", defaultValue = "1", description = "Varies the garbage (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    Report run(Adversary a) throws Exception {
      RawFrames raw = new RawFrames(a);
      Map<String, Boolean> closed = new LinkedHashMap<>();
      long s = seed;
      for (RawFrames.Kind kind : kinds) {
        closed.put(kind.name(), raw.sendAndAwaitClose(options.targetAddress(), kind, s++));
      }
      return new Report("bad-frames").put("seed", seed).put("connection_closed", closed);
    }
  }

  /** What a frame flood sends. */
  enum FloodKind {
    /** Empty, well-formed gossip frames: the frame and byte budgets. */
    EMPTY,
    /** Its own ALIVEs with a corrupted signature, each new: the verification budget and the score. */
    BAD_SIGNATURE
  }

  @Command(name = "frame-flood", description = "Frames as fast as the connection takes them, reconnecting when cut off.")
  static final class FrameFloodCommand extends Attack {
    @Option(names = "--kind", defaultValue = "EMPTY", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    FloodKind kind;

    @Option(names = "--duration", defaultValue = "8s", description = "How long (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Override
    Report run(Adversary a) throws Exception {
      FrameFlood.Report r = new FrameFlood(a).run(options.targetAddress(), options.targetIdentity(), duration, frames(a));
      return new Report("frame-flood").put("kind", kind.name()).put("seconds", duration.toMillis() / 1e3).put("frames", r.frames())
          .put("connections", r.connections()).put("refused", r.refused());
    }

    private LongFunction<Message> frames(Adversary a) {
      Gossip empty = new Gossip(List.of(), false);
      return switch (kind) {
        case EMPTY -> i -> empty;
        case BAD_SIGNATURE -> i -> {
          Alive genuine = a.selfAlive(1_000_000 + i);
          byte[] proof = genuine.proof().clone();
          proof[proof.length - 1] ^= 1;
          return Adversary.gossip(new Alive(genuine.subject(), genuine.incarnation(), genuine.address(), genuine.metaVersion(), proof));
        };
      };
    }
  }
}
