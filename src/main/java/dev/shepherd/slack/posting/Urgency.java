package dev.shepherd.slack.posting;

/**
 * How soon someone is waiting to see a message change, most urgent first: the order in which the
 * workspace's few updates a minute are spent.
 */
enum Urgency {
  /** The message a person just clicked (its response_url could not redraw it). */
  CLICKED,
  /** Progress others watch: a rollout's root message. */
  WATCHED,
  /** Every other redraw. */
  COSMETIC
}
