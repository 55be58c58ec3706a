-- Evidence integrity (issue 16): each step's evidence once, the keyed chain, the recorded head.
-- Idempotent: safe to run again and on a database that already has it.

-- The identity of the duty's step an entry is the evidence of; at most one entry per step.
ALTER TABLE custodian_evidence ADD COLUMN IF NOT EXISTS step_id VARCHAR(200);
CREATE UNIQUE INDEX IF NOT EXISTS custodian_evidence_step ON custodian_evidence (step_id);

-- How the entry's hash was computed: NULL or 1 = SHA-256 (entries written before this script),
-- 2 = HMAC-SHA256 under the host's evidence key.
ALTER TABLE custodian_evidence ADD COLUMN IF NOT EXISTS chain SMALLINT;

-- The head as of the last append, updated in the append's transaction: a log cut behind it shows.
ALTER TABLE custodian_evidence_head ADD COLUMN IF NOT EXISTS head_seq BIGINT;
ALTER TABLE custodian_evidence_head ADD COLUMN IF NOT EXISTS head_hash CHAR(64);
ALTER TABLE custodian_evidence_head ADD COLUMN IF NOT EXISTS head_at TIMESTAMP(6) WITH TIME ZONE;
