// The explicit registry of queue jobs: one file each, one line here.
import type { JobDefinition } from '../src/queue/job.js';
import { digestFanout } from './digest-fanout.js';
import { digestPost } from './digest-post.js';
import { milestoneReminder } from './milestone-reminder.js';
import { milestoneEscalation } from './milestone-escalation.js';
import { reminderReconcile } from './reminder-reconcile.js';
import { interventionEnd } from './intervention-end.js';
import { problemNotice } from './problem-notice.js';
import { alertFanout } from './alert-fanout.js';
import { alertPost } from './alert-post.js';
import { alertEdit } from './alert-edit.js';

export const jobs: JobDefinition[] = [digestFanout, digestPost, milestoneReminder, milestoneEscalation, reminderReconcile, interventionEnd, problemNotice, alertFanout, alertPost, alertEdit];
