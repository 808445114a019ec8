// The explicit registry of `/ote` subcommands: one file each, one line here.
import { commandRegistry } from '../src/commands/registry.js';
import type { CommandDefinition } from './types.js';
import { help } from './help.js';
import { stats } from './stats.js';
import { doel } from './doel.js';
import { top } from './top.js';
import { gemeente } from './gemeente.js';
import { rol } from './rol.js';
import { abonneer } from './abonneer.js';
import { opzeggen } from './opzeggen.js';
import { abonnementen } from './abonnementen.js';
import { digest } from './digest.js';
import { incident } from './incident.js';
import { incidenten } from './incidenten.js';
import { melden } from './melden.js';
import { intrekken } from './intrekken.js';
import { audit } from './audit.js';
import { fieldlab } from './fieldlab.js';
import { interventie } from './interventie.js';
import { herinneringen } from './herinneringen.js';
import { maatregelen } from './maatregelen.js';
import { maatregel } from './maatregel.js';
import { meldingen } from './meldingen.js';
import { kanaal } from './kanaal.js';
import { herhalingen } from './herhalingen.js';

export const commands: CommandDefinition[] = [
  help,
  stats,
  doel,
  top,
  gemeente,
  rol,
  abonneer,
  opzeggen,
  abonnementen,
  digest,
  incident,
  incidenten,
  melden,
  intrekken,
  audit,
  fieldlab,
  interventie,
  herinneringen,
  maatregelen,
  maatregel,
  meldingen,
  kanaal,
  herhalingen,
];

export const registry = commandRegistry(commands);
