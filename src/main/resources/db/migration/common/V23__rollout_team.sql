-- The chat workspace (Slack team id) each rollout was started from; empty for older rollouts.
ALTER TABLE rollouts ADD COLUMN team_id VARCHAR(32);
