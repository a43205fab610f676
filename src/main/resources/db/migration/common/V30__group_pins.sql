-- Each Slack user group handle pinned to the group id it named when Shepherd first resolved it
-- (see JdbcGroupPins): kept across restarts and shared by every replica, so a handle taken over
-- by another group is refused, not followed. The runtime role may read and add pins, not change
-- or delete them (RecordRoles); the owner role re-pins a handle by deleting its row.
CREATE TABLE group_pins (
    handle    VARCHAR(255) PRIMARY KEY,
    group_id  VARCHAR(64) NOT NULL,
    pinned_at TIMESTAMP WITH TIME ZONE NOT NULL
);
