// `node --import ./test/support/record-imports.mjs …`: appends the URL of every module the process resolves
// to the file named by OTE_RECORD_IMPORTS, so a test can see what a command loaded.
import { register } from 'node:module';

register('./record-imports-hooks.mjs', import.meta.url, { data: { file: process.env.OTE_RECORD_IMPORTS } });
