-- Field Lab: interventions with their milestones, check-ins and the reminder post log; the measures of the
-- action plan with their update history, and the starting set of measures from the letter (April 2025).

CREATE TABLE interventions (
  id           BIGSERIAL PRIMARY KEY,
  name         TEXT NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
  description  TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 1000),
  owners       TEXT[] NOT NULL DEFAULT '{}',
  -- The team channel: `slack:C…` or `discord:<snowflake>`.
  channel      TEXT NOT NULL CHECK (channel ~ '^(slack:[CG][A-Z0-9]{6,}|discord:[0-9]{15,22})$'),
  start_date   DATE NOT NULL,
  length_days  INTEGER NOT NULL DEFAULT 100 CHECK (length_days BETWEEN 1 AND 365),
  status       TEXT NOT NULL DEFAULT 'actief' CHECK (status IN ('actief', 'gepauzeerd', 'doorgezet', 'aangepast', 'gestopt')),
  created_by   TEXT NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX interventions_name_unique ON interventions (lower(btrim(name)));

CREATE TABLE milestones (
  id               BIGSERIAL PRIMARY KEY,
  intervention_id  BIGINT NOT NULL REFERENCES interventions (id) ON DELETE CASCADE,
  day              INTEGER NOT NULL CHECK (day BETWEEN 0 AND 365),
  -- The standard milestones are named by the message catalogue; a team's own (`eigen`) carry a title.
  kind             TEXT NOT NULL CHECK (kind IN ('kickoff', 'dag30', 'midterm', 'dag75', 'evaluatie-voorbereiden', 'evaluatie-besluit', 'eigen')),
  title            TEXT CHECK (length(btrim(title)) BETWEEN 1 AND 120),
  state            TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'gereed', 'knelpunt')),
  snoozed_until    TIMESTAMPTZ,
  -- A dropped milestone keeps its check-ins; it no longer counts or reminds.
  dropped_at       TIMESTAMPTZ,
  CHECK ((kind = 'eigen') = (title IS NOT NULL))
);
CREATE UNIQUE INDEX milestones_one_per_day ON milestones (intervention_id, day) WHERE dropped_at IS NULL;

CREATE TABLE milestone_checkins (
  id             BIGSERIAL PRIMARY KEY,
  milestone_id   BIGINT NOT NULL REFERENCES milestones (id) ON DELETE CASCADE,
  status         TEXT NOT NULL CHECK (status IN ('gereed', 'later', 'knelpunt')),
  note           TEXT CHECK (length(note) <= 500),
  snoozed_until  TIMESTAMPTZ,
  -- `platform:user`, e.g. `slack:U0123`.
  actor          TEXT NOT NULL,
  at             TIMESTAMPTZ NOT NULL,
  CHECK (status <> 'knelpunt' OR note IS NOT NULL),
  CHECK ((status = 'later') = (snoozed_until IS NOT NULL))
);
CREATE INDEX milestone_checkins_by_milestone ON milestone_checkins (milestone_id, at DESC);

-- One row per reminder moment of a milestone, and one escalation per milestone: claimed (`bezig`) before
-- posting, so a retried or restarted job never posts what was posted (the queue's job id is the first guard).
CREATE TABLE milestone_posts (
  milestone_id  BIGINT NOT NULL REFERENCES milestones (id) ON DELETE CASCADE,
  kind          TEXT NOT NULL CHECK (kind IN ('herinnering', 'escalatie')),
  remind_at     TIMESTAMPTZ NOT NULL,
  channel       TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('bezig', 'geplaatst', 'mislukt')),
  attempts      INTEGER NOT NULL DEFAULT 1,
  message_id    TEXT,
  error         TEXT,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  finished_at   TIMESTAMPTZ,
  PRIMARY KEY (milestone_id, kind, remind_at)
);
CREATE UNIQUE INDEX milestone_posts_one_escalation ON milestone_posts (milestone_id) WHERE kind = 'escalatie';

CREATE TABLE measures (
  code         TEXT PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
  line         TEXT NOT NULL CHECK (line IN ('preventie', 'opsporing', 'nazorg', 'kennis', 'communicatie', 'europees')),
  position     SMALLINT NOT NULL,
  name         TEXT NOT NULL,
  description  TEXT NOT NULL,
  owner        TEXT NOT NULL,
  owner_roles  TEXT[] NOT NULL CHECK (owner_roles <@ ARRAY['politie', 'om', 'gemeente', 'programma', 'partner']::TEXT[]),
  goal         INTEGER CHECK (goal > 0),
  unit         TEXT,
  progress     INTEGER CHECK (progress >= 0),
  due_date     DATE,
  status       TEXT NOT NULL CHECK (status IN ('gepland', 'lopend', 'vertraagd', 'gereed', 'gestopt')),
  updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_by   TEXT,
  CHECK ((goal IS NULL) = (unit IS NULL))
);

CREATE TABLE measure_updates (
  id        BIGSERIAL PRIMARY KEY,
  code      TEXT NOT NULL REFERENCES measures (code) ON DELETE CASCADE,
  progress  INTEGER,
  status    TEXT NOT NULL,
  note      TEXT CHECK (length(note) <= 500),
  actor     TEXT NOT NULL,
  at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX measure_updates_by_code ON measure_updates (code, at DESC);

-- The starting set, as the letter of April 2025 describes the measures. Due dates only where the letter
-- names a moment: "dit voorjaar" and "voor de zomer" are read as 20 June, "dit jaar" as 31 December.
INSERT INTO measures (code, line, position, name, description, owner, owner_roles, goal, unit, progress, due_date, status, updated_by) VALUES
  ('scholen', 'preventie', 1, 'Schoolbezoeken in kwetsbare wijken',
   'Jongerenwerkers bezoeken vanaf april scholen in kwetsbare wijken met een sketch over het plegen van een aanslag en een gesprek over de risico''s.',
   'Jongerenwerk op Zuid (JOZ) en lokale jeugdwerkers', ARRAY['gemeente'], 50, 'scholen', 0, NULL, 'lopend', 'actieplan'),
  ('ajb-workshops', 'preventie', 2, 'Workshops explosieven voor deelnemers AJB',
   'Getrainde coaches van "Alleen Jij Bepaalt wie je bent" geven vanaf eind april workshops over explosies aan alle deelnemers van het programma.',
   'Coaches van Alleen Jij Bepaalt wie je bent (AJB)', ARRAY['programma'], 5000, 'deelnemers', 0, '2025-12-31', 'lopend', 'actieplan'),
  ('sportclubs', 'preventie', 3, 'Workshops voor jeugdteams van sportclubs',
   'Een internationaal scheidsrechter bezoekt vanaf mei sportclubs en geeft workshops aan de jeugdteams.',
   'Offensief Tegen Explosies', ARRAY['programma'], NULL, NULL, NULL, NULL, 'gepland', 'actieplan'),
  ('professionals', 'preventie', 4, 'Bijeenkomsten met lokale professionals',
   'Bijeenkomsten in april en mei om goede voorbeelden te delen met wie direct contact heeft met jongeren, met Meld Misdaad Anoniem en het Keerpunt.',
   'Offensief Tegen Explosies met Meld Misdaad Anoniem en het Keerpunt', ARRAY['programma', 'gemeente'], NULL, NULL, NULL, '2025-05-31', 'lopend', 'actieplan'),
  ('toolbox-mma', 'preventie', 5, 'Toolbox meldingsbereidheid met Meld Misdaad Anoniem',
   'Communicatiemiddelen die de meldingsbereidheid van slachtoffers en omgeving verhogen, om herhaalexplosies te voorkomen.',
   'Ministerie van Justitie en Veiligheid met Meld Misdaad Anoniem', ARRAY['programma'], NULL, NULL, NULL, '2025-06-20', 'lopend', 'actieplan'),
  ('signalen-corporaties', 'preventie', 6, 'Signalen van woningcorporaties zorgvuldig delen',
   'Uitwerken hoe signalen over risico''s in woningen zorgvuldig met de benodigde instanties worden gedeeld, aan de hand van concrete casuïstiek.',
   'Ministerie van Justitie en Veiligheid, politie en woningcorporaties (Aedes)', ARRAY['programma', 'politie'], NULL, NULL, NULL, NULL, 'lopend', 'actieplan'),
  ('sectoren-bedrijven', 'preventie', 7, 'Sectoren met aanslagen op bedrijven in beeld',
   'Inzichtelijk maken in welke sectoren de meeste aanslagen op bedrijven plaatsvinden en branches weerbaarder maken.',
   'Politie met VNO-NCW en MKB-Nederland', ARRAY['politie'], NULL, NULL, NULL, NULL, 'lopend', 'actieplan'),
  ('handreiking-f4', 'opsporing', 1, 'Handreiking handhaving F4-vuurwerk',
   'Handreiking van het CCV met OM en politie: wanneer illegaal F4-vuurwerk als wapen geldt (Wet wapens en munitie) en welke mogelijkheden de Wet op de economische delicten biedt.',
   'Centrum voor Criminaliteitspreventie en Veiligheid (CCV) met OM en politie', ARRAY['om', 'politie'], NULL, NULL, NULL, '2025-06-20', 'lopend', 'actieplan'),
  ('handelingskader', 'nazorg', 1, 'Handelingskader in drie fasen',
   'Kader voor gemeenten: bij dreiging van een explosie, na een explosie en nazorg in de wijk, met maatregelen die herhaalexplosies voorkomen.',
   'Ministerie van Justitie en Veiligheid met gemeenten, VNG, CCV, politie, OM en woningcorporaties', ARRAY['programma', 'gemeente'], NULL, NULL, NULL, NULL, 'lopend', 'actieplan'),
  ('bevoegdheden-burgemeester', 'nazorg', 2, 'Bevoegdheden van de burgemeester en informatiedeling',
   'Kennis van het bestuurlijke instrumentarium (sluiting van een woning na een explosie, gebiedsverbod) en een werkwijze voor informatiedeling tussen politie, OM en burgemeester.',
   'Ministerie van Justitie en Veiligheid met gemeenten, VNG, politie en OM', ARRAY['programma', 'gemeente', 'politie', 'om'], NULL, NULL, NULL, NULL, 'lopend', 'actieplan'),
  ('fenomeenanalyse', 'kennis', 1, 'Fenomeenanalyse excessief geweld',
   'Studie naar aard, achtergrond en aanpak van aanslagen met explosieven; de rapportage wordt aan het einde van het jaar verwacht.',
   'Gemeente Rotterdam, Erasmus Universiteit en ministerie van Justitie en Veiligheid', ARRAY['programma'], NULL, NULL, NULL, '2025-12-31', 'lopend', 'actieplan'),
  ('neig', 'communicatie', 1, 'Netwerk Explosies in Gemeenten (NEIG)',
   'Kennisdeling tussen gemeenten in het netwerk van de VNG, met meer dan 230 professionals.',
   'Vereniging van Nederlandse Gemeenten (VNG)', ARRAY['gemeente'], NULL, NULL, NULL, NULL, 'lopend', 'actieplan'),
  ('communicatie', 'communicatie', 2, 'Communicatie over aanpak en resultaten',
   'De aanpak, voortgang en resultaten van het Offensief zichtbaar maken, en communicatie strategisch inzetten voor preventie, opsporing en nazorg.',
   'Programmabureau Offensief Tegen Explosies', ARRAY['programma'], NULL, NULL, NULL, NULL, 'lopend', 'actieplan'),
  ('europese-aanpak', 'europees', 1, 'Europese aanpak van illegaal vuurwerk',
   'Samenwerking tussen lidstaten en maatregelen op Europees niveau: evaluatie van de Pyrorichtlijn, haalbaarheidsstudie van de Commissie en Raadsconclusies.',
   'Ministerie van Justitie en Veiligheid met Infrastructuur en Waterstaat', ARRAY['programma'], NULL, NULL, NULL, NULL, 'lopend', 'actieplan');
