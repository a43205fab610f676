/**
 * How every message writes a time, a duration and a short list, so they read alike everywhere; and
 * how text from a request or a runbook is written into a log line ({@link
 * dev.shepherd.format.LogLines}).
 */
package dev.shepherd.format;
