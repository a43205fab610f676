/**
 * Button clicks and modals: step buttons, the checklist, notes, skip, dismiss, what fixed it,
 * summary documents.
 */
package dev.shepherd.slack.interaction;
