// The data of the reminder and escalation jobs: which milestone, and which reminder moment it was planned for.
import { z } from 'zod';

export const reminderJobData = z.object({
  interventionId: z.number().int().positive(),
  milestoneId: z.number().int().positive(),
  /** The reminder moment as planned; a job whose moment no longer matches the milestone is stale. */
  remindAt: z.iso.datetime(),
});
export type ReminderJobDataInput = z.infer<typeof reminderJobData>;
