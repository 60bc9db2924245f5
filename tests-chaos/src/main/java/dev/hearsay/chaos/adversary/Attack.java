package dev.hearsay.chaos.adversary;

import io.netty.channel.Channel;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * One attack of the program: it loads the adversary, joins through the target first when
 * {@code --join} says so, runs, prints its report and exits 0.
 */
abstract class Attack implements Callable<Integer> {
  @Mixin AttackOptions options;
  /** The connection the adversary joined over ({@code --join}), left open; null without it. */
  Channel joined;

  /** Checks the attack's own arguments before anything connects; throws IllegalArgumentException. */
  void validate() {}

  abstract Report run(Adversary adversary) throws Exception;

  @Override
  public final Integer call() throws Exception {
    validate();
    try (Adversary a = options.open()) {
      if (options.join) {
        joined = options.joinedConnection(a);
      }
      run(a).print();
      return 0;
    }
  }

  /** An attack over one connection to the target: the one it joined over, if it did. */
  abstract static class OverConnection extends Attack {
    abstract Report run(Adversary adversary, Channel toTarget) throws Exception;

    @Override
    final Report run(Adversary adversary) throws Exception {
      return run(adversary, joined != null ? joined : options.connect(adversary));
    }
  }
}
