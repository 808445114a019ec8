import { createSingleProcessDriver } from '../../src/queue/single-process.js';
import { queueContract } from './contract.js';

queueContract('single-process', (jobs) => createSingleProcessDriver(jobs));
