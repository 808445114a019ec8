-- Digest subscriptions of platform channels, and the post log that makes every digest post once.

CREATE TABLE subscriptions (
  id                 BIGSERIAL PRIMARY KEY,
  -- `platform:channel`, e.g. `slack:C0123`, as in the command context.
  channel            TEXT NOT NULL CHECK (channel ~ '^(slack|discord|console):\S+$'),
  -- Local time of day in Europe/Amsterdam, in minutes after midnight (08:00 = 480).
  post_minute        SMALLINT NOT NULL CHECK (post_minute BETWEEN 0 AND 1439),
  -- NULL is the whole country.
  municipality_code  TEXT CHECK (municipality_code ~ '^GM[0-9]{4}$'),
  -- ISO weekdays, 1 = Monday … 7 = Sunday.
  weekdays           SMALLINT[] NOT NULL CHECK (cardinality(weekdays) BETWEEN 1 AND 7 AND weekdays <@ ARRAY[1,2,3,4,5,6,7]::SMALLINT[]),
  lang               TEXT NOT NULL CHECK (lang IN ('nl', 'en')),
  status             TEXT NOT NULL DEFAULT 'actief' CHECK (status IN ('actief', 'gepauzeerd', 'opgezegd')),
  paused_reason      TEXT,
  created_by         TEXT NOT NULL,
  created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- One live subscription per channel; cancelled ones stay for the post log's history.
CREATE UNIQUE INDEX subscriptions_one_per_channel ON subscriptions (channel) WHERE status <> 'opgezegd';

-- One row per subscription and local date: the second guard (after the queue's job id) against posting twice.
-- `bezig` is claimed or being retried; `geplaatst` and `mislukt` are final.
CREATE TABLE digest_posts (
  subscription_id  BIGINT NOT NULL REFERENCES subscriptions (id),
  local_date       DATE NOT NULL,
  platform         TEXT NOT NULL CHECK (platform IN ('slack', 'discord', 'console')),
  status           TEXT NOT NULL CHECK (status IN ('bezig', 'geplaatst', 'mislukt')),
  attempts         INTEGER NOT NULL DEFAULT 1,
  message_id       TEXT,
  error            TEXT,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  finished_at      TIMESTAMPTZ,
  PRIMARY KEY (subscription_id, local_date)
);
CREATE INDEX digest_posts_by_date ON digest_posts (local_date);
