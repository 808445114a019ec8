-- The incident register, arrests, targets and published totals.
-- No names, addresses or other personal data: a reference, a moment, a municipality, what and how.

CREATE TABLE incidents (
  reference          TEXT PRIMARY KEY,
  occurred_at        TIMESTAMPTZ NOT NULL,
  municipality_code  TEXT NOT NULL CHECK (municipality_code ~ '^GM[0-9]{4}$'),
  target             TEXT NOT NULL CHECK (target IN ('woning', 'bedrijf', 'voertuig', 'overig')),
  outcome            TEXT NOT NULL CHECK (outcome IN ('explosie', 'poging')),
  means              TEXT NOT NULL DEFAULT 'onbekend' CHECK (means IN ('vuurwerk', 'explosief', 'handgranaat', 'onbekend')),
  postcode4          TEXT CHECK (postcode4 ~ '^[1-9][0-9]{3}$'),
  status             TEXT NOT NULL DEFAULT 'actief' CHECK (status IN ('actief', 'ingetrokken')),
  source             TEXT NOT NULL CHECK (source IN ('import', 'demo', 'chat', 'api')),
  version            INTEGER NOT NULL DEFAULT 1,
  created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX incidents_counted_by_time ON incidents (occurred_at) WHERE status = 'actief';
CREATE INDEX incidents_by_municipality ON incidents (municipality_code, occurred_at) WHERE status = 'actief';

-- Every version of every incident, so a correction or withdrawal keeps what was there before.
CREATE TABLE incident_history (
  id          BIGSERIAL PRIMARY KEY,
  reference   TEXT NOT NULL,
  version     INTEGER NOT NULL,
  change      TEXT NOT NULL CHECK (change IN ('aangemaakt', 'gecorrigeerd', 'ingetrokken')),
  reason      TEXT,
  changed_by  TEXT NOT NULL,
  changed_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  snapshot    JSONB NOT NULL
);
CREATE INDEX incident_history_by_reference ON incident_history (reference, version);

-- Arrests as counts per date, nationally (municipality NULL) or for one municipality.
CREATE TABLE arrests (
  id                 BIGSERIAL PRIMARY KEY,
  arrest_date        DATE NOT NULL,
  municipality_code  TEXT CHECK (municipality_code ~ '^GM[0-9]{4}$'),
  count              INTEGER NOT NULL CHECK (count > 0),
  source             TEXT NOT NULL DEFAULT 'import'
);
CREATE INDEX arrests_by_date ON arrests (arrest_date);

CREATE TABLE targets (
  year               INTEGER PRIMARY KEY,
  baseline_year      INTEGER NOT NULL CHECK (baseline_year < year),
  reduction_percent  NUMERIC(5, 2) NOT NULL CHECK (reduction_percent > 0 AND reduction_percent < 100)
);
INSERT INTO targets (year, baseline_year, reduction_percent) VALUES (2025, 2024, 10);

-- Totals published by the police, for years the register holds no incident rows for.
-- month 0 is the whole year.
CREATE TABLE published_totals (
  year    INTEGER NOT NULL,
  month   SMALLINT NOT NULL DEFAULT 0 CHECK (month BETWEEN 0 AND 12),
  count   INTEGER NOT NULL CHECK (count >= 0),
  source  TEXT NOT NULL,
  PRIMARY KEY (year, month)
);
INSERT INTO published_totals (year, month, count, source) VALUES
  (2021, 0, 212, 'Politie, Kamerbrief OTE april 2025'),
  (2022, 0, 439, 'Politie, Kamerbrief OTE april 2025'),
  (2023, 0, 901, 'Politie, Kamerbrief OTE april 2025 (na definitiewijziging)'),
  (2024, 0, 1543, 'Politie, Kamerbrief OTE april 2025');
