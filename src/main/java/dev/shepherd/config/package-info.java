/**
 * {@code shepherd.yaml} and the environment, read into one validated {@link
 * dev.shepherd.config.Config}.
 */
package dev.shepherd.config;
