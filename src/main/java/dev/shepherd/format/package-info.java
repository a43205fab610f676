/** How every message writes a time, a duration and a short list, so they read alike everywhere. */
package dev.shepherd.format;
