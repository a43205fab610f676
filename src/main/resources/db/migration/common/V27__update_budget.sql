-- The workspace's allowance of chat.update calls, one row per allowance, shared by every replica
-- on the database: Slack counts that tier per workspace (see JdbcUpdateBudget).
CREATE TABLE update_budgets (
    name       VARCHAR(64) PRIMARY KEY,
    tokens     DOUBLE PRECISION NOT NULL,
    counted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    not_before TIMESTAMP WITH TIME ZONE NOT NULL
);
