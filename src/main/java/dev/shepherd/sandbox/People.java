package dev.shepherd.sandbox;

import dev.shepherd.config.Config;
import dev.shepherd.partition.Partition;
import dev.shepherd.runbook.Catalog;
import dev.shepherd.runbook.Runbook;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who can act in the sandbox: an operator, every approver the config and runbooks name (so a team's
 * own runbooks can be rehearsed with their own approvers), and someone who is neither. The shipped
 * config's approvers get names; others are shown by their id.
 */
final class People {
  static final String OPERATOR = "U0OPERATOR";
  static final String SOMEONE = "U0SOMEONE";
  static final String BOT_USER = "U0SHEPHERD";
  static final String BOT_ID = "B0SHEPHERD";
  private static final Map<String, String> NAMES =
      Map.of(
          OPERATOR,
          "Olive",
          "U024BE7LH",
          "Ana",
          "U0G9QF9C6",
          "Ben",
          "U0PRODLEAD",
          "Priya",
          "U0PRODSRE",
          "Sam",
          SOMEONE,
          "Sid",
          BOT_USER,
          "Shepherd");

  /**
   * One person.
   *
   * @param role what they may do, in a few words ("approves oam-secrets, rotate-gh-token")
   * @param kind {@code operator}, {@code approver} or {@code other}
   */
  record Person(String id, String name, String role, String kind) {}

  private final List<Person> people;

  private People(List<Person> people) {
    this.people = List.copyOf(people);
  }

  /** The operator and someone else, before Shepherd said who approves. */
  static People initial() {
    return new People(List.of(operator(), someone()));
  }

  /** The operator, the approvers of the config's partitions and of the runbooks, someone else. */
  static People of(Config config, Catalog catalog) {
    Map<String, Set<String>> runbooks = new LinkedHashMap<>();
    Map<String, Set<String>> partitions = new LinkedHashMap<>();
    for (Runbook runbook : catalog.runbooks()) {
      runbook
          .approvers()
          .forEach(id -> runbooks.computeIfAbsent(id, k -> new TreeSet<>()).add(runbook.id()));
    }
    for (Partition partition : config.choreography().partitions()) {
      partition
          .approvers()
          .forEach(
              id -> partitions.computeIfAbsent(id, k -> new TreeSet<>()).add(partition.name()));
    }
    List<Person> people = new ArrayList<>();
    people.add(operator());
    Set<String> approvers = new LinkedHashSet<>(runbooks.keySet());
    approvers.addAll(partitions.keySet());
    for (String id : approvers) {
      if (id.equals(OPERATOR) || id.equals(SOMEONE)) {
        continue;
      }
      List<String> roles = new ArrayList<>();
      if (runbooks.containsKey(id)) {
        roles.add("approves " + String.join(", ", runbooks.get(id)));
      }
      if (partitions.containsKey(id)) {
        roles.add("approver in the config of " + String.join(", ", partitions.get(id)));
      }
      people.add(new Person(id, NAMES.getOrDefault(id, id), String.join("; ", roles), "approver"));
    }
    people.add(someone());
    return new People(people);
  }

  List<Person> all() {
    return people;
  }

  Optional<Person> find(String id) {
    return people.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /** A display name for any id: a person's name, or the id itself. */
  String name(String id) {
    return find(id).map(Person::name).orElse(NAMES.getOrDefault(id, id));
  }

  private static Person operator() {
    return new Person(
        OPERATOR, NAMES.get(OPERATOR), "operator: starts rollouts, approves nothing", "operator");
  }

  private static Person someone() {
    return new Person(
        SOMEONE, NAMES.get(SOMEONE), "someone else: neither operator nor approver", "other");
  }
}
