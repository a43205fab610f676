package dev.shepherd.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
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
    "dev.shepherd.export.."
  };

  /**
   * Ports between adapters (the ledger, the timers, what they fire): shared like config, never an
   * adapter's own, never the domain's (the engine does not call them).
   */
  static final String CHAT = "dev.shepherd.chat..";

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
  void thePortsBetweenAdaptersImportNoAdapterAndNoInfrastructure() {
    String[] outside = new String[ADAPTERS.length + 1];
    for (int i = 0; i < ADAPTERS.length; i++) {
      outside[i] = "dev.shepherd." + ADAPTERS[i] + "..";
    }
    outside[ADAPTERS.length] = "dev.shepherd.app..";
    noClasses()
        .that()
        .resideInAPackage(CHAT)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(outside)
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage(INFRASTRUCTURE)
        .because("each adapter implements or calls these; none owns them")
        .check(shepherd);
  }

  @Test
  void theEngineHasOneFrontDoor() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.shepherd.rollout.engine..")
        .should()
        .dependOnClassesThat(
            DescribedPredicate.describe(
                "are in rollout.engine but are not its front door or its readers",
                (JavaClass target) ->
                    target.getPackageName().equals("dev.shepherd.rollout.engine")
                        && !ENGINE_DOORS.contains(target.getSimpleName())))
        .because("every state change goes through RolloutService")
        .check(shepherd);
  }

  /** The engine's classes others may use: the front door and two readers of the record. */
  static final java.util.Set<String> ENGINE_DOORS =
      java.util.Set.of("RolloutService", "RecordReader", "PinnedRunbookRenderer");

  @Test
  void servicesAreBuiltOnlyByTheRootOrInTheirOwnPackage() {
    ArchCondition<JavaClass> buildNoForeignService =
        new ArchCondition<>("build no service of another package outside the composition root") {
          @Override
          public void check(JavaClass origin, ConditionEvents events) {
            for (JavaConstructorCall call : origin.getConstructorCallsFromSelf()) {
              JavaClass built = call.getTargetOwner();
              boolean service =
                  built.getPackageName().startsWith("dev.shepherd.")
                      && SERVICE_NAME.matcher(built.getSimpleName()).matches();
              if (service && !built.getPackageName().equals(origin.getPackageName())) {
                events.add(SimpleConditionEvent.violated(call, call.getDescription()));
              }
            }
          }
        };
    classes()
        .that()
        .resideOutsideOfPackage("dev.shepherd.app..")
        .should(buildNoForeignService)
        .because("one composition root builds every service once")
        .check(shepherd);
  }

  /** What names a stateful service here (docs/design/architecture.md, Naming). */
  static final java.util.regex.Pattern SERVICE_NAME =
      java.util.regex.Pattern.compile(".*(Service|Recorder|Scheduler|Drafter|Freezer|Watcher)");

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
