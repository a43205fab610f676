package dev.shepherd.server;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One thing {@code /readyz} waits for (the database answers, the Socket Mode connection is open):
 * {@code /readyz} is 200 while every check holds and 503 with each failing check's reason
 * otherwise. Implementations are called on every probe, from HTTP threads: quick and thread-safe.
 */
public interface ReadinessCheck {
  /** What is checked, as the operator reads it in the 503's body ({@code database}). */
  String name();

  /** Empty when ready; otherwise why not, in words that say what to look at. */
  Optional<String> problem();

  static ReadinessCheck of(String name, Supplier<Optional<String>> problem) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(problem, "problem");
    return new ReadinessCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Optional<String> problem() {
        return problem.get();
      }
    };
  }
}
