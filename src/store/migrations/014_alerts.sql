-- Alerts: who is in a channel (an audience set by the console or a test), which channels want an alert per
-- incident, and the alert post log that makes every alert post once and lets a correction edit it.

-- A channel's audience set by hand (the console, tests, an installation without member lists): the roles
-- of its members. Platform channels are asked for their members instead, unless one is set here.
CREATE TABLE channel_audiences (
  channel     TEXT PRIMARY KEY CHECK (channel ~ '^(slack|discord|console):\S+$'),
  -- [{ "userId": "…", "role": "politie", "municipalityCode": "GM0599" }, …]
  members     JSONB NOT NULL,
  set_by      TEXT NOT NULL,
  set_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE alert_subscriptions (
  id                 BIGSERIAL PRIMARY KEY,
  channel            TEXT NOT NULL CHECK (channel ~ '^(slack|discord|console):\S+$'),
  -- NULL is the whole country.
  municipality_code  TEXT CHECK (municipality_code ~ '^GM[0-9]{4}$'),
  lang               TEXT NOT NULL CHECK (lang IN ('nl', 'en')),
  status             TEXT NOT NULL DEFAULT 'actief' CHECK (status IN ('actief', 'opgezegd')),
  created_by         TEXT NOT NULL,
  -- Incidents stored from this moment on are alerted; one stored earlier never is.
  since              TIMESTAMPTZ NOT NULL DEFAULT now(),
  created_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX alert_subscriptions_one_per_channel ON alert_subscriptions (channel) WHERE status = 'actief';

-- One row per subscription and alert: an incident's own alert (`post_key` its reference) or the summary of
-- a bulk import (`samenvatting-<n>`). `wacht` is claimed and not yet posted; `geplaatst` has its message id
-- and the incident version it shows (a later version is edited in); `mislukt` is final.
CREATE TABLE alert_posts (
  subscription_id  BIGINT NOT NULL REFERENCES alert_subscriptions (id),
  post_key         TEXT NOT NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('melding', 'samenvatting')),
  status           TEXT NOT NULL DEFAULT 'wacht' CHECK (status IN ('wacht', 'geplaatst', 'mislukt')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  message_id       TEXT,
  shown_version    INTEGER,
  -- Whether the alert as last written called it a repeat (its ordinal, 0: no), and when it was written: a
  -- later change in its area (an earlier attack withdrawn, added or corrected) may change that.
  shown_repeat     INTEGER NOT NULL DEFAULT 0,
  shown_at         TIMESTAMPTZ,
  error            TEXT,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  posted_at        TIMESTAMPTZ,
  PRIMARY KEY (subscription_id, post_key)
);
CREATE INDEX alert_posts_waiting ON alert_posts (subscription_id) WHERE status = 'wacht';

-- Which alert covers which incident of a subscription: each incident is alerted once per subscription.
CREATE TABLE alert_incidents (
  subscription_id  BIGINT NOT NULL,
  reference        TEXT NOT NULL,
  post_key         TEXT NOT NULL,
  PRIMARY KEY (subscription_id, reference),
  FOREIGN KEY (subscription_id, post_key) REFERENCES alert_posts (subscription_id, post_key)
);

CREATE INDEX incidents_by_created ON incidents (created_at);
CREATE INDEX incidents_by_updated ON incidents (updated_at);
CREATE SEQUENCE alert_summary_numbers;
