/** The HTTP edge: Jetty with Slack's endpoint behind signature checks, and the health probes. */
package dev.shepherd.server;
