package dev.shepherd.lint;

import java.util.List;

/** One check. Rules are independent: each sees the whole input and adds its own problems. */
interface LintRule {
  void check(LintInput input, List<Problem> problems);
}
