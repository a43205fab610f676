/** Timers on Quartz: checklist reminders, T-0 and stalled-step nudges, in Shepherd's database. */
package dev.shepherd.schedule;
