package dev.hearsay.overlay.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** Keeps the protocol core a pure state machine: no I/O, no threads, no clocks, no global randomness. */
class CorePurityTest {

  private static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.hearsay.overlay.core");

  @Test
  void noNetworkingOrNetty() {
    ArchRule rule = noClasses().that().resideInAPackage("dev.hearsay.overlay.core..")
        .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "java.net..", "java.nio.channels..");
    rule.check(CORE);
  }

  @Test
  void noThreadsOrExecutors() {
    ArchRule rule = noClasses().that().resideInAPackage("dev.hearsay.overlay.core..")
        .should().dependOnClassesThat().areAssignableTo(Thread.class)
        .orShould().dependOnClassesThat().resideInAPackage("java.util.concurrent..");
    rule.check(CORE);
  }

  @Test
  void noWallClockOrSystemTime() {
    ArchRule rule = noClasses().that().resideInAPackage("dev.hearsay.overlay.core..")
        .should().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().dependOnClassesThat().resideInAPackage("java.time..");
    rule.check(CORE);
  }

  @Test
  void noGlobalOrUnseededRandomness() {
    ArchRule rule = noClasses().that().resideInAPackage("dev.hearsay.overlay.core..")
        .should().callMethod(Math.class, "random")
        .orShould().callConstructor(java.util.Random.class)
        .orShould().callConstructor(java.util.SplittableRandom.class)
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ThreadLocalRandom")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.security.SecureRandom");
    rule.check(CORE);
  }

  /** The clock rule is not vacuous: the simulator (which measures wall time) breaks it. */
  @Test
  void theClockRuleCatchesACallToNanoTime() {
    JavaClasses sim = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.hearsay.overlay.sim");
    ArchRule rule = noClasses().should().callMethod(System.class, "nanoTime");
    org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> rule.check(sim));
  }

  @Test
  void coreDoesNotReachIntoTheSimulator() {
    noClasses().that().resideInAPackage("dev.hearsay.overlay.core..")
        .should().dependOnClassesThat().resideInAPackage("dev.hearsay.overlay.sim..")
        .check(CORE);
  }
}
