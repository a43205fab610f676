-- A record that proves itself: each new link is an HMAC-SHA256 under a key held outside the
-- database (SHEPHERD_AUDIT_KEY, or the generated key file beside an embedded database).
--
-- hash_version: 2 for keyed links; NULL for rows written before this migration (their hash, if
-- any, is version 1: plain SHA-256, which anyone holding the database can recompute). key_id names
-- the key that signed the row, so older rows verify with older keys after a rotation.
ALTER TABLE acknowledgements ADD COLUMN hash_version INT;
ALTER TABLE acknowledgements ADD COLUMN key_id VARCHAR(12);
-- The digest of the rollout's rows (rollouts, rollout_steps) as the accepted action left them,
-- covered by the row's keyed hash: what `audit verify` checks those tables against.
ALTER TABLE acknowledgements ADD COLUMN state_digest VARCHAR(64);

-- Where the keyed record begins, signed with the key: how many rows came before it and their
-- digest. A single row, written once by the first keyed Shepherd; every later row must be keyed.
-- Unlike audit_chain_start (an ordinary table, kept for the old rows' report), changing it without
-- the key shows.
CREATE TABLE audit_keyed_start (
    only_one      INT          NOT NULL PRIMARY KEY,
    through_id    BIGINT       NOT NULL,
    legacy_rows   BIGINT       NOT NULL,
    legacy_digest VARCHAR(64)  NOT NULL,
    key_id        VARCHAR(12)  NOT NULL,
    signature     VARCHAR(64)  NOT NULL
);
