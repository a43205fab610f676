package dev.shepherd.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A test run once on each of {@link Databases}: on H2, then on PostgreSQL (skipped when PostgreSQL
 * is unreachable). Each run gets a fresh {@link DatabaseExtension}, which the test class's
 * {@code @BeforeEach} method (or the test itself) takes as a parameter:
 *
 * <pre>{@code
 * @BeforeEach
 * void setUp(DatabaseExtension db) {
 *   engine = new EngineFixture(db.database());
 * }
 *
 * @DatabaseTest
 * void startPostsTheFirstStep() { ... }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(DatabaseTest.EachDatabase.class)
public @interface DatabaseTest {
  /** How many times to run on each database, each time on a fresh one (a race run again). */
  int repetitions() default 1;

  /** One invocation per database, each with its own extension. */
  final class EachDatabase implements TestTemplateInvocationContextProvider {
    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
      return true;
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(
        ExtensionContext context) {
      int repetitions =
          AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), DatabaseTest.class)
              .map(DatabaseTest::repetitions)
              .orElse(1);
      return Arrays.stream(Databases.values())
          .flatMap(
              kind ->
                  IntStream.rangeClosed(1, repetitions).mapToObj(i -> on(kind, i, repetitions)));
    }

    private static TestTemplateInvocationContext on(Databases kind, int repetition, int of) {
      return new TestTemplateInvocationContext() {
        @Override
        public String getDisplayName(int invocationIndex) {
          return of == 1 ? "on " + kind : "on " + kind + " (" + repetition + " of " + of + ")";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
          return List.of(DatabaseExtension.on(kind));
        }
      };
    }
  }
}
