-- Which Shepherd process claimed a message it has not yet recorded as posted, so that a claim
-- its process left behind (killed mid-post) is found and settled at once, not after minutes.
ALTER TABLE posted_messages ADD COLUMN claimed_by VARCHAR(64);

-- The processes sharing a PostgreSQL database, each seen every few seconds: a claim whose
-- process is no longer seen is an orphan. (On an H2 file only one process can have it open.)
CREATE TABLE shepherd_processes (
    process_id VARCHAR(64) PRIMARY KEY,
    seen_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
