package dev.hearsay.bench;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.overlay.claims.SigningProofSource;
import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.Effects;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.MembershipConfig;
import dev.hearsay.overlay.core.MembershipCore;
import dev.hearsay.overlay.core.MembershipEvent;
import dev.hearsay.overlay.core.Message;
import dev.hearsay.overlay.core.PushPullAck;
import dev.hearsay.overlay.core.PushPullSyn;
import dev.hearsay.overlay.core.Timer;
import dev.hearsay.overlay.transport.TransportConfig;
import dev.hearsay.overlay.wire.Envelope;
import dev.hearsay.overlay.wire.MessageCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How large a seed's answer to a join is, by view size: a seed whose view holds {@code n} members
 * (real signed ALIVE claims, certificates enclosed, as nodes sign them) receives a joiner's SYN and
 * answers with a push-pull ACK; this prints the encoded frame's size next to the transport's frame
 * limit. Pure core and codec, no sockets.
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar dev.hearsay.bench.JoinAnswerSize 50 80 100 200
 * </pre>
 */
public final class JoinAnswerSize {
  private JoinAnswerSize() {}

  public static void main(String[] args) {
    int[] sizes = args.length == 0 ? new int[] {50, 80, 100, 200} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    int limit = TransportConfig.defaults().maxFrameBytes();
    BenchPki pki = new BenchPki();
    System.out.println("| view size N | join answer claims | join answer frame bytes | default frame limit | fits |");
    System.out.println("|---:|---:|---:|---:|---|");
    for (int n : sizes) {
      List<Credentials> creds = new ArrayList<>();
      List<Alive> view = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Credentials c = pki.node("t" + (i % 2), "j" + n + "-" + i);
        creds.add(c);
        MemberId id = MemberId.parse(c.identity().uri());
        Alive unsigned = new Alive(id, 1, "127.0.0.1:" + (20000 + i), 0L, new byte[0]);
        view.add(new Alive(id, 1, unsigned.address(), 0L, new SigningProofSource(c).proofFor(unsigned)));
      }
      MembershipCore seed = core(creds.get(0), view);
      Credentials joinerCreds = pki.node("t0", "joiner-" + n);
      MembershipCore joiner = core(joinerCreds, List.of());
      Captured out = new Captured();
      seed.onMessage(0, joiner.self(), "127.0.0.1:1", new PushPullSyn(joiner.digest(), true), out);
      PushPullAck ack = (PushPullAck) out.last;
      ByteBuf buf = Unpooled.buffer();
      try {
        MessageCodec.encode(new Envelope(NodeIdentity.parse(seed.self().uri()), ack), buf);
      } catch (IllegalArgumentException e) {
        System.out.printf("| %d | %d | encoder refuses: %s | %,d | NO |%n", n, ack.claims().size(), e.getMessage(), limit);
        continue;
      }
      int bytes = buf.readableBytes();
      System.out.printf("| %d | %d | %,d | %,d | %s |%n", n, ack.claims().size(), bytes, limit, bytes <= limit ? "yes" : "NO");
    }
  }

  private static MembershipCore core(Credentials c, List<Alive> view) {
    MemberId self = MemberId.parse(c.identity().uri());
    MembershipCore core = new MembershipCore(self, "127.0.0.1:1", MembershipConfig.lan(), new SplittableRandom(1),
        new SigningProofSource(c), Math.max(1, view.size()));
    core.bootstrap(view);
    return core;
  }

  private static final class Captured implements Effects {
    Message last;

    @Override
    public void send(String address, Message message) {
      last = message;
    }

    @Override
    public void schedule(long at, Timer timer) {}

    @Override
    public void emit(MembershipEvent event) {}
  }
}
