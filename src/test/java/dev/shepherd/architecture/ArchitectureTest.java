package dev.shepherd.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules that keep the house easy to change (docs/design/architecture.md): the domain knows
 * nothing of Slack, SQL, Quartz, HTTP or git; adapters meet only in the composition root; no
 * package depends on another that depends back on it.
 */
class ArchitectureTest {
  /**
   * The domain: plain values in and out, its own ports (the record's export is text from values).
   */
  static final String[] DOMAIN = {
    "dev.shepherd.partition..",
    "dev.shepherd.runbook..",
    "dev.shepherd.lint..",
    "dev.shepherd.rollout..",
    "dev.shepherd.audit..",
    "dev.shepherd.learning..",
    "dev.shepherd.format..",
    "dev.shepherd.export..",
    "dev.shepherd.chat.."
  };

  /** What the domain never touches: Slack, JDBC and the databases, Quartz, Jetty, JGit. */
  static final String[] INFRASTRUCTURE = {
    "com.slack..",
    "java.sql..",
    "javax.sql..",
    "org.h2..",
    "org.postgresql..",
    "com.zaxxer..",
    "org.flywaydb..",
    "org.quartz..",
    "org.eclipse.jetty..",
    "jakarta.servlet..",
    "org.eclipse.jgit..",
    "io.micrometer.."
  };

  /** The adapters, which meet only in the composition root ({@code app}). */
  static final String[] ADAPTERS = {
    "slack", "store", "schedule", "source", "server", "sandbox", "metrics", "cli"
  };

  static JavaClasses shepherd;

  @BeforeAll
  static void importClasses() {
    shepherd =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.shepherd");
  }

  @Test
  void theDomainImportsNoSlackSqlQuartzJettyOrGit() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage(DOMAIN)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(INFRASTRUCTURE)
            .because("the domain takes and returns plain values; adapters stay at the edges");
    rule.check(shepherd);
  }

  @Test
  void theDomainImportsNoAdapterAndNotTheRoot() {
    String[] outside = new String[ADAPTERS.length + 1];
    for (int i = 0; i < ADAPTERS.length; i++) {
      outside[i] = "dev.shepherd." + ADAPTERS[i] + "..";
    }
    outside[ADAPTERS.length] = "dev.shepherd.app..";
    noClasses()
        .that()
        .resideInAnyPackage(DOMAIN)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(outside)
        .because("the domain's ports are its own interfaces, implemented at the edges")
        .check(shepherd);
  }

  @Test
  void adaptersDoNotImportEachOther() {
    for (String adapter : ADAPTERS) {
      String[] others =
          Arrays.stream(ADAPTERS)
              .filter(other -> !other.equals(adapter))
              .map(other -> "dev.shepherd." + other + "..")
              .toArray(String[]::new);
      noClasses()
          .that()
          .resideInAPackage("dev.shepherd." + adapter + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(others)
          .because("adapters meet in the composition root (dev.shepherd.app), nowhere else")
          .check(shepherd);
    }
  }

  @Test
  void noCyclesBetweenTopLevelPackages() {
    slices().matching("dev.shepherd.(*)..").should().beFreeOfCycles().check(shepherd);
  }

  @Test
  void noCyclesBetweenTheSubpackagesOfRolloutLearningAndSlack() {
    for (String parent : new String[] {"rollout", "learning", "slack"}) {
      slices()
          .matching("dev.shepherd." + parent + ".(*)..")
          .should()
          .beFreeOfCycles()
          .check(shepherd);
    }
  }
}
