-- What rollouts found that their runbooks did not say. A cache of what each rollout's record
-- yields (derived again whenever the rollout's version moves on), plus the one fact the record
-- does not hold: that a later revision covers a finding.

CREATE TABLE runbook_findings (
    rollout_id      VARCHAR(36)   NOT NULL REFERENCES rollouts (id),
    finding_key     VARCHAR(80)   NOT NULL,
    runbook_id      VARCHAR(200)  NOT NULL,
    revision_kind   VARCHAR(10)   NOT NULL,
    revision_id     VARCHAR(80)   NOT NULL,
    partition_name  VARCHAR(40)   NOT NULL,
    found_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    kind            VARCHAR(30)   NOT NULL,
    runbook_step    INT           NOT NULL,
    step_title      VARCHAR(1000) NOT NULL,
    symptom         VARCHAR(4000) NOT NULL,
    detail          VARCHAR(4000) NOT NULL,
    fix             VARCHAR(4000),
    cause           VARCHAR(4000),
    resolved_by     VARCHAR(40),
    resolved_at     TIMESTAMP WITH TIME ZONE,
    closure_kind    VARCHAR(10),
    closed_by       VARCHAR(200),
    closure_reason  VARCHAR(2000),
    closed_at       TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (rollout_id, finding_key)
);
CREATE INDEX runbook_findings_by_runbook ON runbook_findings (runbook_id, closure_kind);

-- The version of each ended rollout whose findings are stored: a rollout whose version moved on
-- (a late "what fixed it?", a dismissal) is derived again.
CREATE TABLE finding_scans (
    rollout_id  VARCHAR(36)  NOT NULL PRIMARY KEY REFERENCES rollouts (id),
    runbook_id  VARCHAR(200) NOT NULL,
    version     INT          NOT NULL
);
CREATE INDEX finding_scans_by_runbook ON finding_scans (runbook_id);
