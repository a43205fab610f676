-- Named call allowances (see JdbcCallAllowance): the workspace's chat.update allowance and each
-- channel's post allowance, one token bucket a row, shared by every replica. A new table rather
-- than a rename of update_budgets, so that replicas of the previous version keep working while a
-- rolling update replaces them (they go on spending update_budgets until they are gone).
CREATE TABLE call_allowances (
    name       VARCHAR(80) PRIMARY KEY,
    tokens     DOUBLE PRECISION NOT NULL,
    counted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    not_before TIMESTAMP WITH TIME ZONE NOT NULL
);
