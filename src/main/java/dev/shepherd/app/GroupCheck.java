package dev.shepherd.app;

import dev.shepherd.chat.GroupPins;
import dev.shepherd.chat.LocalGroupPins;
import dev.shepherd.config.Config;
import dev.shepherd.format.LogLines;
import dev.shepherd.lint.Problem;
import dev.shepherd.partition.Partition;
import dev.shepherd.rollout.UserGroups;
import dev.shepherd.runbook.Catalog;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.slack.SlackGroupDirectory;
import dev.shepherd.slack.SlackSettings;
import dev.shepherd.store.GroupPinsSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every Slack user group named as an approver must exist, and a handle must still name the group it
 * was pinned to: a mistyped or taken-over handle would otherwise surface as a refused approval in
 * the middle of a rollout. Checked at start-up and at each reload, and by {@code lint --online} (an
 * error problem). An unknown group or a moved handle in the config is an error in the log, never a
 * reason to stop {@code serve}, and clicks refuse approvals through it; either in a runbook makes
 * only that runbook unusable, with the reason, so one file cannot stop the service. When Slack
 * cannot be asked, {@code serve} starts anyway and says so; approvals through groups are refused
 * with the reason until Slack answers.
 */
public final class GroupCheck {
  private static final Logger log = LoggerFactory.getLogger(GroupCheck.class);

  private final Config config;
  private final Catalog catalog;
  private final String pathPrefix;

  /** Where a group is named: a file, a line, and which partition or runbook names it. */
  private record Place(String path, int line, String what, Optional<String> runbook) {}

  public GroupCheck(Config config, Catalog catalog, String pathPrefix) {
    this.config = config;
    this.catalog = catalog;
    this.pathPrefix = pathPrefix;
  }

  private Map<String, List<Place>> named() {
    Map<String, List<Place>> where = new LinkedHashMap<>();
    for (Partition partition : config.choreography().partitions()) {
      partition.approvers().stream()
          .filter(UserGroups::isGroup)
          .forEach(
              g ->
                  where
                      .computeIfAbsent(g, k -> new ArrayList<>())
                      .add(
                          new Place(
                              config.displayPath(),
                              partition.line(),
                              "partition " + partition.name(),
                              Optional.empty())));
    }
    for (Runbook runbook : catalog.runbooks()) {
      runbook.approvers().stream()
          .filter(UserGroups::isGroup)
          .forEach(
              g ->
                  where
                      .computeIfAbsent(g, k -> new ArrayList<>())
                      .add(
                          new Place(
                              pathPrefix + runbook.path(),
                              runbook.lineOf("approvers"),
                              "runbook " + runbook.id(),
                              Optional.of(runbook.id()))));
    }
    return where;
  }

  /** One error per place that names a group Slack does not know; one if Slack cannot be asked. */
  public List<Problem> problems(SlackGroupDirectory groups) {
    return checked(groups).stream().map(Found::problem).toList();
  }

  /** A problem and the place it is at (one place may name several groups). */
  private record Found(Place place, Problem problem) {}

  /** Each problem with its place, in the order the groups are named. */
  private List<Found> checked(SlackGroupDirectory groups) {
    Map<String, List<Place>> named = named();
    List<Found> problems = new ArrayList<>();
    if (named.isEmpty()) {
      return problems;
    }
    SlackGroupDirectory.Check check = groups.check(List.copyOf(named.keySet()));
    if (check.unreadable().isPresent()) {
      problems.add(
          new Found(
              new Place(config.displayPath(), 1, "config", Optional.empty()),
              Problem.error(
                  config.displayPath(),
                  1,
                  "cannot check the approver groups "
                      + String.join(", ", named.keySet())
                      + ": "
                      + check.unreadable().get())));
      return problems;
    }
    check
        .unknown()
        .forEach(
            (group, message) ->
                addAtEachPlace(
                    problems,
                    named.get(group),
                    message + ": fix the approver or create the group"));
    check.moved().forEach((group, message) -> addAtEachPlace(problems, named.get(group), message));
    return problems;
  }

  /** One error for each place that names the group, saying where and what. */
  private static void addAtEachPlace(List<Found> problems, List<Place> places, String message) {
    for (Place place : places) {
      problems.add(
          new Found(
              place, Problem.error(place.path(), place.line(), place.what() + ": " + message)));
    }
  }

  /**
   * The check {@code lint --online} makes: the approver groups the config and runbooks name, asked
   * of Slack with {@code SLACK_BOT_TOKEN} (at {@code SLACK_API_URL}), and each handle compared with
   * the group {@code serve} pinned it to when a database is named ({@code --db}, never {@code
   * SHEPHERD_DB_URL} unasked): its pins are read through a read-only connection of their own, never
   * migrated, compacted nor granted ({@link GroupPinsSnapshot}). Without a database, or with one
   * that has no pins yet, a note says so. Empty when no token is set.
   *
   * @param db the JDBC URL of the database {@code serve} uses, if one is named
   * @param dbUser its user, else {@code SHEPHERD_DB_USER}; the password is {@code
   *     SHEPHERD_DB_PASSWORD}
   * @throws dev.shepherd.rollout.StoreFailure saying what to do when the database cannot be read
   */
  public static Optional<List<Problem>> online(
      Sources loaded, Map<String, String> env, Optional<String> db, Optional<String> dbUser) {
    String token = env.get("SLACK_BOT_TOKEN");
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    Optional<GroupPins> kept =
        db.flatMap(
            url ->
                GroupPinsSnapshot.read(
                    url,
                    dbUser.orElse(env.getOrDefault("SHEPHERD_DB_USER", "")),
                    env.getOrDefault("SHEPHERD_DB_PASSWORD", "")));
    // The pins are read, never written: a check must not change what it checks. Lint runs from
    // CI on a branch's config, maybe with another workspace's token; a pin it wrote would hold
    // serve to a handle as lint saw it, and a handle lint pinned wrongly could only be undone by
    // the database's owner.
    GroupPins reading = GroupPins.reading(kept.orElseGet(LocalGroupPins::new));
    SlackGroupDirectory groups =
        SlackGroupDirectory.connect(
            new SlackSettings(
                token,
                "",
                Optional.empty(),
                env.getOrDefault("SLACK_API_URL", "https://slack.com/api/"),
                Duration.ZERO,
                Duration.ZERO),
            Clock.systemUTC(),
            Duration.ZERO,
            reading);
    GroupCheck check = new GroupCheck(loaded.config(), loaded.catalog(), loaded.pathPrefix());
    List<Problem> problems = new ArrayList<>(check.problems(groups));
    String handles =
        String.join(", ", check.named().keySet().stream().filter(g -> g.startsWith("@")).toList());
    if (kept.isEmpty() && !handles.isEmpty()) {
      problems.add(
          Problem.note(
              loaded.config().displayPath(),
              1,
              db.isEmpty()
                  ? "the approver groups named by handle ("
                      + handles
                      + ") were checked against Slack as it is now, for this run only: give --db"
                      + " to also compare each with the group Shepherd pinned it to"
                  : "this database has no group pins yet (Shepherd older than schema version 30,"
                      + " or never started on it): nothing to compare the approver groups named"
                      + " by handle ("
                      + handles
                      + ") with; they were checked against Slack as it is now"));
    }
    return Optional.of(problems);
  }

  /**
   * The start-up and reload check: answers the catalog with each runbook naming an unknown or moved
   * group unusable (said in the log); logs an error for each unknown group and moved handle in the
   * config, and warns when Slack cannot be asked. Nothing Slack answers stops {@code serve}: user
   * groups are the workspace's to rename, delete and create, and whoever may do that could
   * otherwise keep every replica from starting. Clicks refuse approvals through such a group,
   * saying why.
   */
  Catalog run(SlackGroupDirectory groups) {
    Map<String, String> unusable = new LinkedHashMap<>();
    checked(groups)
        .forEach(
            found -> {
              Place place = found.place();
              Problem problem = found.problem();
              String where = problem.path() + ":" + problem.line() + ": " + problem.message();
              if (problem.message().startsWith("cannot check")) {
                log.warn(
                    "{}; approvals through them are refused until Slack answers",
                    problem.message());
              } else if (place.runbook().isPresent()) {
                log.warn(
                    "runbook {} cannot start until this is fixed: {}",
                    LogLines.escaped(place.runbook().get()),
                    LogLines.escaped(where));
                unusable.putIfAbsent(place.runbook().get(), where);
              } else {
                log.error(
                    "{}. Shepherd serves anyway, and refuses approvals through that group until"
                        + " this is fixed",
                    LogLines.escaped(where));
              }
            });
    return catalog.withUnusable(unusable);
  }
}
