// Messages of `ote interventies import`: the interventions file and its problems.
import { defineMessages } from './define.js';

export const fieldlabImport = defineMessages(
  {
    'import.syntax': 'het bestand is geen geldige YAML of JSON: {detail}',
    'import.unknownField': 'onbekend veld',
    'import.milestoneTitle': 'een eigen mijlpaal heeft een titel nodig (of geef een soort: kickoff, dag30, midterm, dag75, evaluatie-voorbereiden, evaluatie-besluit)',
    'import.standardTitle': 'een standaardmijlpaal krijgt zijn naam van de bot; laat de titel weg of gebruik soort: eigen',
    'import.duplicateDay': 'op deze dag staat al een mijlpaal',
    'import.duplicateName': 'deze naam staat ook bij {place}',
    'import.cannotRead': 'Kan ‘{file}’ niet lezen: {reason}',
    'import.notFound': 'bestand bestaat niet',
    'import.refused': 'Import geweigerd: {count, plural, one {# fout} other {# fouten}}. Er is niets geschreven.',
    'import.problem': '  {place}{line}: {reason}',
    'import.line': ' (regel {line})',
    'import.file': '(bestand)',
    'import.checked': 'Controle geslaagd: {count, plural, one {# interventie} other {# interventies}} in orde. Er is niets geschreven (--dry-run).',
    'import.done': 'Geïmporteerd: {created} nieuw, {updated} bijgewerkt.',
    'import.reminders': 'De herinneringen worden ingepland door de draaiende bot: direct met een wachtrij op Redis, anders bij de volgende afstemming (bij de start en elk uur).',
  },
  {
    'import.syntax': 'the file is not valid YAML or JSON: {detail}',
    'import.unknownField': 'unknown field',
    'import.milestoneTitle': 'an own milestone needs a title (or give a kind: kickoff, dag30, midterm, dag75, evaluatie-voorbereiden, evaluatie-besluit)',
    'import.standardTitle': 'a standard milestone is named by the bot; leave out the title or use soort: eigen',
    'import.duplicateDay': 'there is already a milestone on this day',
    'import.duplicateName': 'this name is also used at {place}',
    'import.cannotRead': 'Cannot read ‘{file}’: {reason}',
    'import.notFound': 'file does not exist',
    'import.refused': 'Import refused: {count, plural, one {# problem} other {# problems}}. Nothing was written.',
    'import.problem': '  {place}{line}: {reason}',
    'import.line': ' (line {line})',
    'import.file': '(file)',
    'import.checked': 'Check passed: {count, plural, one {# intervention} other {# interventions}} in order. Nothing was written (--dry-run).',
    'import.done': 'Imported: {created} new, {updated} updated.',
    'import.reminders': 'The running bot schedules the reminders: at once with a queue on Redis, otherwise at the next reconcile (at start and every hour).',
  },
);
