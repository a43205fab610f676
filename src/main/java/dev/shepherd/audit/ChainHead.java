package dev.shepherd.audit;

/** The newest link of a chain, kept apart from the rows so a deleted tail shows. */
public record ChainHead(String chainKey, long seq, String hash, long acknowledgementId) {}
