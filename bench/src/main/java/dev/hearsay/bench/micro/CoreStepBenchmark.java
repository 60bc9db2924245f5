package dev.hearsay.bench.micro;

import dev.hearsay.overlay.core.Ack;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.MembershipConfig;
import dev.hearsay.overlay.core.MembershipCore;
import dev.hearsay.overlay.core.Ping;
import dev.hearsay.overlay.core.Timer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One step of the pure protocol core in a converged view of 1,000 members, with in-memory effects:
 * answering a PING (merge its piggyback, reply with an ACK), and a probe round (the PROBE timer picks
 * the next target and sends a PING; the target's ACK is then delivered so the view stays healthy and
 * every invocation does the same work).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CoreStepBenchmark {
  static final int MEMBERS = 1000;
  static final Timer PROBE = new Timer(Timer.Kind.PROBE, 0, null);

  MembershipCore core;
  InMemoryEffects effects;
  MemberId peer;
  String peerAddress;
  Ping ping;
  long now;
  long probeInterval;

  @Setup
  public void setup() {
    core = Views.core(MEMBERS, Views.alives(MEMBERS, 1), 42);
    effects = new InMemoryEffects();
    now = 1_000_000_000L;
    core.start(now, List.of(), effects);
    peer = Views.member(17);
    peerAddress = Views.address(17);
    ping = new Ping(1, core.self(), List.of());
    probeInterval = MembershipConfig.lan().probeInterval();
  }

  @Benchmark
  public long onPing() {
    core.onMessage(now, peer, peerAddress, ping, effects);
    return effects.sent;
  }

  @Benchmark
  public long probeRound() {
    now += probeInterval;
    core.onTimer(now, PROBE, effects);
    Ping p = effects.lastPing;
    core.onMessage(now + 1_000_000L, p.target(), "ack-route", new Ack(p.seq(), p.target(), List.of()), effects);
    return effects.sent;
  }
}
