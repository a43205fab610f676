-- The allowance rows now count posts to each channel as well as the workspace's updates: one
-- table of named allowances (see JdbcCallAllowance).
ALTER TABLE update_budgets RENAME TO call_allowances;
