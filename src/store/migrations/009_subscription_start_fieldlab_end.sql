-- A new subscription's first digest day; interventions' language, team roles, end-of-intervention
-- decisions and the one-off Field Lab posts (decision prompts, problems passed to the programme office).

-- The local date of a subscription's first digest: its next occurrence when it was made or resumed. NULL is
-- no lower bound (subscriptions made before this column).
ALTER TABLE subscriptions ADD COLUMN starts_on DATE;

-- The language of the intervention's reminders, escalations and decision prompts.
ALTER TABLE interventions ADD COLUMN lang TEXT NOT NULL DEFAULT 'nl' CHECK (lang IN ('nl', 'en'));
-- Partner roles the programme office lets answer for the team, besides the team channel's members with a role.
ALTER TABLE interventions ADD COLUMN team_roles TEXT[] NOT NULL DEFAULT '{}'
  CHECK (team_roles <@ ARRAY['politie', 'om', 'gemeente', 'programma', 'partner']::TEXT[]);

-- What was decided at the end of an intervention (its status follows the decision), by whom.
CREATE TABLE intervention_decisions (
  id               BIGSERIAL PRIMARY KEY,
  intervention_id  BIGINT NOT NULL REFERENCES interventions (id) ON DELETE CASCADE,
  decision         TEXT NOT NULL CHECK (decision IN ('doorzetten', 'aanpassen', 'stoppen')),
  note             TEXT CHECK (length(note) <= 500),
  -- `platform:user`, e.g. `slack:U0123`.
  actor            TEXT NOT NULL,
  at               TIMESTAMPTZ NOT NULL
);
CREATE INDEX intervention_decisions_by_intervention ON intervention_decisions (intervention_id, at DESC);

-- One-off posts of an intervention, claimed (`bezig`) before posting as milestone_posts are: the decision
-- prompt to the team and to the programme office, and each problem (`knelpunt`, ref = the check-in id)
-- passed to the programme office.
CREATE TABLE intervention_posts (
  intervention_id  BIGINT NOT NULL REFERENCES interventions (id) ON DELETE CASCADE,
  kind             TEXT NOT NULL CHECK (kind IN ('besluit-team', 'besluit-bureau', 'knelpunt')),
  ref              BIGINT NOT NULL DEFAULT 0,
  channel          TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('bezig', 'geplaatst', 'mislukt')),
  attempts         INTEGER NOT NULL DEFAULT 1,
  message_id       TEXT,
  error            TEXT,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  finished_at      TIMESTAMPTZ,
  PRIMARY KEY (intervention_id, kind, ref)
);
