package dev.hearsay.bench.cluster;

import dev.hearsay.bench.measure.Deadline;
import java.time.Duration;
import java.util.Map;

/**
 * N members of one gossip implementation in this JVM, on loopback: what a benchmark needs to start
 * them, read their views, crash one and close them, whatever the implementation.
 */
public interface MemberCluster extends AutoCloseable {

  /** What runs, as the table names it (implementation and its security). */
  String label();

  /** How the members are started, as the table says it. */
  String startMode();

  /** Work an operator does before starting {@code n} members (e.g. issuing certificates); not timed. */
  default void prepare(int n) {}

  /** Starts {@code n} members; stops starting once {@code deadline} passes (see {@link #started()}). */
  void start(int n, Deadline deadline) throws Exception;

  /** How many members were started. */
  int started();

  /** For each started member: how many members it sees alive, itself included (a crashed member: 0). */
  int[] aliveCounts();

  /** Stops member {@code index} abruptly: no graceful leave, it just stops answering. */
  void crash(int index) throws Exception;

  /** How many of the other, running members have marked member {@code index} dead or removed it. */
  int markedDead(int index);

  /** About how many file descriptors {@code n} members hold in this JVM (sockets, both ends). */
  long descriptorsNeeded(int n);

  /** How long detection may take at size {@code n} with this implementation's defaults, plus slack. */
  Duration detectionBound(int n);

  /** Implementation-specific figures for the notes (name to value); empty by default. */
  default Map<String, String> facts() {
    return Map.of();
  }

  /** Closes every member; bounded. */
  @Override
  void close();
}
