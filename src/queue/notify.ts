// Notices for the programme office (a paused subscription, a digest given up on), posted into
// PROGRAMME_CHANNEL. A notice that cannot be posted is logged as an error and does not fail the job.
import { randomUUID } from 'node:crypto';
import { parseChannelAddress } from '../platforms/poster.js';
import { reply } from '../render/reply.js';
import type { JobServices } from './job.js';

export async function notifyProgrammeOffice(services: JobServices, title: string, text: string): Promise<void> {
  const address = services.programmeChannel ? parseChannelAddress(services.programmeChannel) : undefined;
  const poster = address ? services.posters[address.platform] : undefined;
  if (!address || !poster) {
    services.logger.error({ notice: title, text }, 'no programme channel to notify; set PROGRAMME_CHANNEL');
    return;
  }
  try {
    // An identity of its own, so the poster's retry after a lost answer finds the notice instead of repeating it.
    await poster.post(address.channelId, reply(title, [{ kind: 'text', text }], 'channel'), { id: `notice-${randomUUID()}`, firstAttemptAt: new Date(), lookFirst: false });
  } catch (error) {
    services.logger.error({ err: error, notice: title, text }, 'programme office notice could not be posted');
  }
}
