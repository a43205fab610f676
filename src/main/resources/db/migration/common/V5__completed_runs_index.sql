-- The choreography, the start warnings and /rollout list ask for the newest completed run of a
-- runbook on each partition. With ended_at last in the index that is one index probe per
-- partition, however many rollouts the years have left; (runbook_id, state, partition_name)
-- read every completed run of the partition and sorted them.
CREATE INDEX rollouts_completed ON rollouts (runbook_id, state, partition_name, ended_at);
-- Only the old completed query filtered on state alone.
DROP INDEX rollouts_by_state;
DROP INDEX rollouts_by_runbook;
