/**
 * The rollout model: a rollout and its steps, the requests people make and the outcomes they get
 * (applied, seen before, refused), and the ports the engine needs (the store, user groups, the risk
 * register). Immutable values; no Slack, SQL or Quartz. The engine is in {@code rollout.engine},
 * the rules that guard it in {@code rollout.rule}.
 */
package dev.shepherd.rollout;
