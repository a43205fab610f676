-- Which state of its rollout each message was last drawn from (the rollout's version), so that a
-- drawing made from an older state never lands over a newer one: a click's answer and the thread's
-- sync draw the same message at once, on different threads or replicas.
ALTER TABLE posted_messages ADD COLUMN drawn_version INTEGER;
