/**
 * The record: acknowledgements (who did what to which step, when), the chain that links them, and
 * the verifier that walks it. Plain values and one port ({@link dev.shepherd.audit.AuditLog}); no
 * SQL here.
 */
package dev.shepherd.audit;
