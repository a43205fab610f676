-- The record: notes with their evidence, and a hash chain that makes an edited, deleted or
-- inserted acknowledgement visible to `shepherd audit verify`.
--
-- Each acknowledgement is a link of one chain: its rollout's ("rollout:<id>"), or for rows that
-- belong to no rollout (refused starts, freezes) its partition's ("partition:<name>"). row_hash
-- is SHA-256 over the row's content, its place in the chain and the previous link's hash.
ALTER TABLE acknowledgements ADD COLUMN chain_key VARCHAR(80);
ALTER TABLE acknowledgements ADD COLUMN chain_seq BIGINT;
ALTER TABLE acknowledgements ADD COLUMN prev_hash VARCHAR(64);
ALTER TABLE acknowledgements ADD COLUMN row_hash VARCHAR(64);
-- A note's links and files, one a line: "link<TAB>url" or "file<TAB>name<TAB>permalink".
ALTER TABLE acknowledgements ADD COLUMN evidence TEXT;
-- A note is what the operator saw, and Slack allows 40,000 characters a message.
ALTER TABLE acknowledgements ALTER COLUMN detail SET DATA TYPE TEXT;
CREATE UNIQUE INDEX acknowledgements_chain ON acknowledgements (chain_key, chain_seq);

-- The newest link of each chain. Its row is locked while a link is appended, so appends to one
-- chain serialise (a rollout's are serialised by the rollout's own lock already); and it is what
-- shows that a chain's last links were deleted.
CREATE TABLE audit_chain_heads (
    chain_key VARCHAR(80) NOT NULL PRIMARY KEY,
    seq       BIGINT      NOT NULL,
    row_hash  VARCHAR(64) NOT NULL,
    ack_id    BIGINT      NOT NULL
);

-- Rows recorded before this migration carry no hash; every row from this id on must.
CREATE TABLE audit_chain_start (
    first_chained_id BIGINT NOT NULL
);
INSERT INTO audit_chain_start (first_chained_id)
    SELECT COALESCE(MAX(id), 0) + 1 FROM acknowledgements;

-- A reply in a thread is evidence on the current step of the rollout that lives there.
CREATE INDEX rollouts_by_thread ON rollouts (thread_id);
-- audit export --since/--until asks for the rollouts created in a period.
CREATE INDEX rollouts_by_created ON rollouts (created_at);
