/**
 * The composition root: settings read once, then the stores, the services and the adapters, each
 * built once, closed in reverse. {@code serve}, the sandbox and the end-to-end tests all start
 * Shepherd through {@link dev.shepherd.app.ShepherdApp}.
 */
package dev.shepherd.app;
