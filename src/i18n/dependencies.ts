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
    'dependency.dataDirInUse':
      'DATA_DIR {dir} is in gebruik door een ander ote-proces (pid {pid}). Twee processen tegelijk beschadigen de ingebouwde database: stop dat proces eerst of gebruik de console van de draaiende bot; voor meer processen tegelijk is er PostgreSQL (DATABASE_URL). Draait er geen ote meer, verwijder dan {dir}/ote.lock.',
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
    'dependency.dataDirInUse':
      'DATA_DIR {dir} is in use by another ote process (pid {pid}). Two processes at once damage the embedded database: stop that process first or use the console of the running bot; for several processes at once there is PostgreSQL (DATABASE_URL). If no ote is running any more, remove {dir}/ote.lock.',
  },
);
