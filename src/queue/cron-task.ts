// A node-cron task in Europe/Amsterdam that runs once at start and then on every match of its pattern.
// The clocks built on it only enqueue, so N replicas ticking together add one job.
import { createTask, type ScheduledTask } from 'node-cron';
import { TIME_ZONE } from '../domain/types.js';

export interface CronTask {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function cronTask(options: { name: string; pattern: string; atStart: () => Promise<void>; onTick: (date: Date) => Promise<void> }): CronTask {
  let task: ScheduledTask | undefined;
  return {
    async start() {
      await options.atStart();
      task = createTask(options.pattern, (context) => options.onTick(context.date), {
        timezone: TIME_ZONE,
        name: options.name,
        noOverlap: true,
      });
      await task.start();
    },
    async stop() {
      await task?.destroy();
      task = undefined;
    },
  };
}
