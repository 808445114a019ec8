-- Coverage: the stretches of time for which the register is complete. Until a period's export has
-- arrived, "no incidents" is "no data"; every figure says through which moment the register is complete.
-- Imports, API batches and the programme office declare a stretch; chat reports never do.
CREATE TABLE coverage_declarations (
  id           BIGSERIAL PRIMARY KEY,
  covers_from  TIMESTAMPTZ NOT NULL,
  -- Exclusive: the register is complete up to (not including) this instant.
  covers_to    TIMESTAMPTZ NOT NULL CHECK (covers_to > covers_from),
  source       TEXT NOT NULL CHECK (source IN ('import', 'api', 'programma', 'demo', 'migratie')),
  declared_by  TEXT NOT NULL,
  declared_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The programme office is told once per stale stretch: one row per coverage end it was told about.
CREATE TABLE coverage_stale_notices (
  covered_to   TIMESTAMPTZ PRIMARY KEY,
  notified_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A register that already held rows before coverage was known: it is taken to be complete over the local
-- days its rows span, which is what an import without a declared period declares too.
INSERT INTO coverage_declarations (covers_from, covers_to, source, declared_by)
SELECT date_trunc('day', min(occurred_at) AT TIME ZONE 'Europe/Amsterdam') AT TIME ZONE 'Europe/Amsterdam',
       (date_trunc('day', max(occurred_at) AT TIME ZONE 'Europe/Amsterdam') + interval '1 day') AT TIME ZONE 'Europe/Amsterdam',
       CASE WHEN bool_and(source = 'demo') THEN 'demo' ELSE 'migratie' END,
       'migratie 007'
FROM incidents
WHERE status = 'actief'
HAVING count(*) > 0;

CREATE TRIGGER coverage_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON coverage_declarations
  FOR EACH STATEMENT EXECUTE FUNCTION bump_register_generation();
