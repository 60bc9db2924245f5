package dev.hearsay.overlay.revocation.gossip;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Keeps registry gossip a pure state machine, like the membership core: no I/O, no threads, no clocks of its own, no global randomness. */
class RegistryGossipPurityTest {
  private static final String PACKAGE = "dev.hearsay.overlay.revocation.gossip";
  private static final JavaClasses GOSSIP = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages(PACKAGE);

  @Test
  void noNetworkingThreadsOrFiles() {
    noClasses().that().resideInAPackage(PACKAGE)
        .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "java.net..", "java.nio..", "java.io..", "java.util.concurrent..")
        .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
        .check(GOSSIP);
  }

  @Test
  void noClockButTheOnePassedIn() {
    noClasses().that().resideInAPackage(PACKAGE)
        .should().callMethod(System.class, "nanoTime")
        .orShould().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(Instant.class, "now")
        .orShould().dependOnClassesThat().areAssignableTo(Clock.class)
        .check(GOSSIP);
  }

  @Test
  void noUnseededRandomness() {
    noClasses().that().resideInAPackage(PACKAGE)
        .should().callMethod(Math.class, "random")
        .orShould().callConstructor(java.util.Random.class)
        .orShould().callConstructor(java.util.SplittableRandom.class)
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.security.SecureRandom")
        .check(GOSSIP);
  }
}
