/** The retrospective of a rollout, as Markdown: what happened, what went wrong, open questions. */
package dev.shepherd.learning.retro;
