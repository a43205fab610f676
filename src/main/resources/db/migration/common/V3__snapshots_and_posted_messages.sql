-- The exact text of each runbook revision a rollout started with, so a rollout keeps walking the
-- text it was pinned to after the file changes, the branch moves, or the process restarts.
CREATE TABLE runbook_snapshots (
    revision_kind VARCHAR(10)   NOT NULL,
    revision_id   VARCHAR(80)   NOT NULL,
    path          VARCHAR(1000) NOT NULL,
    content       TEXT          NOT NULL,
    PRIMARY KEY (revision_kind, revision_id, path)
);

-- The chat messages a rollout's thread is made of. A row is claimed before its message is
-- posted, so two replicas syncing the same thread post each message once.
CREATE TABLE posted_messages (
    rollout_id  VARCHAR(36)  NOT NULL,
    message_key VARCHAR(100) NOT NULL,
    channel_id  VARCHAR(40)  NOT NULL,
    ts          VARCHAR(40),
    signature   VARCHAR(64),
    claimed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (rollout_id, message_key)
);

-- The sweep asks for rollouts that ended lately, to post any summary a restart left owed.
CREATE INDEX rollouts_by_end ON rollouts (ended_at);
