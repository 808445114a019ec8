// The vocabulary of the register, shared by every layer. Pure types and constant lists, no I/O.
import type { PlatformName } from '../platforms/index.js';

export const TARGETS = ['woning', 'bedrijf', 'voertuig', 'overig'] as const;
export type IncidentTarget = (typeof TARGETS)[number];

export const OUTCOMES = ['explosie', 'poging'] as const;
export type IncidentOutcome = (typeof OUTCOMES)[number];

export const MEANS = ['vuurwerk', 'explosief', 'handgranaat', 'onbekend'] as const;
export type IncidentMeans = (typeof MEANS)[number];

/** `actief` counts; `ingetrokken` (withdrawn) never counts. A correction rewrites the row and keeps history. */
export const INCIDENT_STATUSES = ['actief', 'ingetrokken'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const INCIDENT_SOURCES = ['import', 'demo', 'chat', 'api'] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];

export interface Municipality {
  /** CBS code, `GM` + four digits. */
  code: string;
  /** Official CBS name, e.g. `'s-Gravenhage`. */
  name: string;
  province: string;
}

/** A municipality merged into another since 2021: its name and code still appear in police exports. */
export interface FormerMunicipality {
  code: string;
  name: string;
  /** CBS code of today's municipality it is part of. */
  mergedInto: string;
  /** The day it became part of it, `YYYY-MM-DD`. */
  since: string;
}

/** What the figures are computed from: one counted incident, no personal data. */
export interface CountedIncident {
  /** The moment, as a UTC instant; all bucketing converts it to Europe/Amsterdam first. */
  occurredAt: Date;
  municipalityCode: string;
  target: IncidentTarget;
  outcome: IncidentOutcome;
  means: IncidentMeans;
}

export interface Incident extends CountedIncident {
  reference: string;
  postcode4: string | null;
  status: IncidentStatus;
  source: IncidentSource;
}

export interface TargetDefinition {
  year: number;
  baselineYear: number;
  /** Percent fewer than the baseline year, e.g. 10. */
  reductionPercent: number;
}

/** A published total for a year (month null) or a month, nationally (municipality null). */
export interface PublishedTotal {
  year: number;
  month: number | null;
  count: number;
}

export const ROLES = ['politie', 'om', 'gemeente', 'programma', 'partner'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  /** The platform the actor came through (src/platforms/index.ts), or `api` for the ingest API. */
  platform: PlatformName | 'api';
  userId: string;
  role: Role;
  /** Only for role `gemeente`: the CBS code of the actor's own municipality. */
  municipalityCode?: string;
  /**
   * True when the platform says this user administers the channel the command came from (Discord: Manage
   * Channels or Administrator there; Slack: a workspace admin or owner). Lets them manage that channel's own
   * digest subscription whatever their role (precondition `kanaalbeheerder`). Absent on the console and API.
   */
  channelAdmin?: boolean;
  /** True when the role was assigned (to the user or a group of theirs), not the `partner` every member has. */
  assigned?: boolean;
}

export const TIME_ZONE = 'Europe/Amsterdam';
