package dev.shepherd.format;

import java.util.List;

/** Lists of partitions as messages show them: a fleet's 200 names would drown the point. */
public final class Lists {
  public static final int SHOWN = 5;

  private Lists() {}

  /** {@code a, b, c, d, e and 12 more}. */
  public static String some(List<String> names) {
    if (names.size() <= SHOWN + 1) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, SHOWN)) + " and " + (names.size() - SHOWN) + " more";
  }
}
