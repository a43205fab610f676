/** YAML read with line numbers, for config and runbook front matter errors that say where. */
package dev.shepherd.yaml;
