// Messages about a dependency the process cannot reach (the database at start-up, the queue while it is
// away): which one, where (never a password), which setting to check, and why in a few words.
import { defineMessages } from './define.js';

export const dependencies = defineMessages(
  {
    'dependency.unreachable': '{what} onbereikbaar op {address}: controleer {setting} ({reason})',
    'dependency.database': 'database',
    'dependency.queue': 'wachtrij (Redis)',
    'dependency.reason.refused': 'verbinding geweigerd of verbroken',
    'dependency.reason.timeout': 'geen antwoord binnen {seconds} s',
    'dependency.reason.unknownHost': 'onbekende hostnaam',
    'dependency.reason.credentials': 'gebruiker of wachtwoord geweigerd',
    'dependency.reason.noDatabase': 'die database bestaat niet',
    'dependency.reason.other': 'verbinding mislukt',
  },
  {
    'dependency.unreachable': '{what} unreachable at {address}: check {setting} ({reason})',
    'dependency.database': 'database',
    'dependency.queue': 'queue (Redis)',
    'dependency.reason.refused': 'connection refused or reset',
    'dependency.reason.timeout': 'no answer within {seconds} s',
    'dependency.reason.unknownHost': 'unknown host name',
    'dependency.reason.credentials': 'user or password refused',
    'dependency.reason.noDatabase': 'that database does not exist',
    'dependency.reason.other': 'connection failed',
  },
);
