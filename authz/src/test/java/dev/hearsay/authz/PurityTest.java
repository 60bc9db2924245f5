package dev.hearsay.authz;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module stays pure: no threads, no clocks, no I/O but the loader, no protocol or network code. */
class PurityTest {
  private static final JavaClasses AUTHZ =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.hearsay.authz");

  @Test
  void noThreadsAndNoClocks() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName(Thread.class.getName())
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage("java.util.concurrent..", "java.time..")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(System.class, "nanoTime")
        .check(AUTHZ);
  }

  @Test
  void onlyTheLoaderTouchesFiles() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName(PolicyLoader.class.getName())
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.nio.file..", "java.net..")
        .orShould()
        .dependOnClassesThat()
        .haveNameMatching("java\\.io\\.File.*")
        .check(AUTHZ);
  }

  @Test
  void noProtocolCoreNoNetwork() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.hearsay.overlay..", "dev.hearsay.registry..", "dev.hearsay.cli..", "io.netty..")
        .check(AUTHZ);
  }
}
