// What the Field Lab's lost-answer tests share: a Slack poster against the fake that gives up quickly, and
// the context of a job's n-th attempt posting through it.
import { silentLogger } from '../../../src/logger.js';
import type { Poster } from '../../../src/platforms/poster.js';
import { boltLogger } from '../../../src/platforms/slack/bolt-logger.js';
import { createSlackPoster, createSlackPostingClient } from '../../../src/platforms/slack/poster.js';
import type { JobContext } from '../../../src/queue/job.js';
import type { Db } from '../../../src/store/db.js';
import { bareServices } from '../../queue/support.js';
import type { FakeSlack } from '../../support/fake-slack.js';
import { testMunicipalities } from '../../support/runtime.js';

/** Calls time out after 300 ms and are tried again after 10 ms, so a lost answer costs the test little. */
export function impatientSlackPoster(slack: FakeSlack): Poster {
  const client = createSlackPostingClient(slack.token, { slackApiUrl: slack.apiUrl, logger: boltLogger(silentLogger) }, 300);
  return createSlackPoster(client, { lang: 'nl', logger: silentLogger, retryDelaysMs: [10, 10], timeoutMs: 300 });
}

/** The job context of attempt `attempt` (of 5) of job `jobId`, posting to Slack through `poster`. */
export function attemptContext(db: Db, poster: Poster, jobId: string): (attempt: number) => JobContext {
  const services = bareServices({ db, municipalities: testMunicipalities(), posters: { slack: poster } });
  return (attempt) => ({ services, logger: silentLogger, jobId, attempt, maxAttempts: 5 });
}
