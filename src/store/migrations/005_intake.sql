-- Intake and accountability: API tokens of partner systems, and the audit trail of changes and looks.

-- Bearer tokens for POST /api/v1/incidents, one or more per partner. Only the SHA-256 of a token is kept;
-- the token itself is shown once, by `ote token create`.
CREATE TABLE api_tokens (
  id            BIGSERIAL PRIMARY KEY,
  partner       TEXT NOT NULL CHECK (length(partner) BETWEEN 1 AND 100),
  token_hash    TEXT NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  created_by    TEXT NOT NULL,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  revoked_at    TIMESTAMPTZ,
  last_used_at  TIMESTAMPTZ
);
CREATE INDEX api_tokens_active ON api_tokens (id) WHERE revoked_at IS NULL;

-- Who did or saw what, when, through which platform. `detail` holds no personal data: references, codes,
-- counts and reasons only.
CREATE TABLE audit_log (
  id        BIGSERIAL PRIMARY KEY,
  at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  actor     TEXT NOT NULL,
  role      TEXT,
  platform  TEXT NOT NULL,
  action    TEXT NOT NULL CHECK (action ~ '^[a-z]+(\.[a-z-]+)+$'),
  subject   TEXT NOT NULL DEFAULT '',
  detail    JSONB NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_by_time ON audit_log (at, id);
