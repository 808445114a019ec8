// A command runtime over a test database, for driving commands the way an adapter does.
import type { CommandRuntime } from '../../src/commands/dispatch.js';
import { createMunicipalityIndex, type MunicipalityIndex } from '../../src/domain/municipalities.js';
import type { Actor, Role } from '../../src/domain/types.js';
import { silentLogger } from '../../src/logger.js';
import { loadFormerMunicipalities, loadMunicipalities } from '../../src/reference/municipalities.js';
import type { Db } from '../../src/store/db.js';

let index: MunicipalityIndex | undefined;
export function testMunicipalities(): MunicipalityIndex {
  index ??= createMunicipalityIndex(loadMunicipalities(), loadFormerMunicipalities());
  return index;
}

export function testRuntime(db: Db): CommandRuntime {
  return { db, municipalities: testMunicipalities(), logger: silentLogger, defaultLang: 'nl', services: {} };
}

export function actor(role: Role, municipalityCode?: string): Actor {
  return { platform: 'console', userId: `test-${role}`, role, ...(municipalityCode ? { municipalityCode } : {}) };
}
