package dev.hearsay.bench.micro;

import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.MembershipCore;
import dev.hearsay.overlay.core.ViewDigest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Anti-entropy's first step: take this view's digest and compare it with a peer's (which differs in
 * one member's incarnation), giving the mask of buckets to exchange.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DigestBenchmark {
  @Param({"1000", "10000"})
  public int members;

  MembershipCore local;
  ViewDigest remote;

  @Setup
  public void setup() {
    List<Alive> view = Views.alives(members, 1);
    local = Views.core(members, view, 1);
    List<Alive> other = new java.util.ArrayList<>(view);
    int changed = members / 2;
    Alive a = other.get(changed);
    other.set(changed, new Alive(a.subject(), 2, a.address(), 0L, new byte[0]));
    remote = Views.core(members, other, 2).digest();
    if (local.digest().differingBuckets(remote) == 0) {
      throw new IllegalStateException("the two views should differ in one bucket");
    }
  }

  @Benchmark
  public long digestAndCompare() {
    return local.digest().differingBuckets(remote);
  }
}
