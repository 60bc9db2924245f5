package dev.hearsay.chaos.adversary;

import io.netty.channel.Channel;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** One attack of the program: it loads the adversary, runs, prints its report and exits 0. */
abstract class Attack implements Callable<Integer> {
  @Mixin AttackOptions options;

  /** Checks the attack's own arguments before anything connects; throws IllegalArgumentException. */
  void validate() {}

  abstract Report run(Adversary adversary) throws Exception;

  @Override
  public final Integer call() throws Exception {
    validate();
    try (Adversary a = options.open()) {
      run(a).print();
      return 0;
    }
  }

  /** An attack over one connection to the target, after joining through it when {@code --join} says so. */
  abstract static class OverConnection extends Attack {
    abstract Report run(Adversary adversary, Channel toTarget) throws Exception;

    @Override
    final Report run(Adversary adversary) throws Exception {
      Channel ch = options.connect(adversary);
      options.joinIfAsked(adversary, ch);
      return run(adversary, ch);
    }
  }
}
