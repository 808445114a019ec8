-- Partner roles of chat users and chat groups (Slack user groups, Discord roles), kept by the programme office.
-- A user's own assignment wins over its groups'; without any, a user is a `partner`.

CREATE TABLE role_assignments (
  platform           TEXT NOT NULL CHECK (platform IN ('slack', 'discord')),
  subject_kind       TEXT NOT NULL CHECK (subject_kind IN ('user', 'group')),
  subject_id         TEXT NOT NULL CHECK (subject_id ~ '^[A-Za-z0-9]{1,40}$'),
  role               TEXT NOT NULL CHECK (role IN ('politie', 'om', 'gemeente', 'programma', 'partner')),
  municipality_code  TEXT CHECK (municipality_code ~ '^GM[0-9]{4}$'),
  -- `config` rows come from SLACK_ADMIN_USER_IDS / DISCORD_ADMIN_USER_IDS; `rol` rows from `/ote rol`.
  source             TEXT NOT NULL DEFAULT 'rol' CHECK (source IN ('rol', 'config')),
  assigned_by        TEXT NOT NULL,
  assigned_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (platform, subject_kind, subject_id),
  CHECK ((role = 'gemeente') = (municipality_code IS NOT NULL))
);
