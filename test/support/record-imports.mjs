// `node --import ./test/support/record-imports.mjs …`: appends the URL of every module the process resolves
// to the file named by OTE_RECORD_IMPORTS, so a test can see what a command loaded: ES modules through the
// module hooks, CommonJS `require` (which Node 20 does not pass through those hooks) through Module._load.
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';

const file = process.env.OTE_RECORD_IMPORTS;
register('./record-imports-hooks.mjs', import.meta.url, { data: { file } });

const load = Module._load;
Module._load = function recordedLoad(request, parent, isMain) {
  const exports = load.call(this, request, parent, isMain);
  const resolved = Module.isBuiltin(request) ? undefined : Module._resolveFilename(request, parent, isMain);
  if (resolved && isAbsolute(resolved)) appendFileSync(file, `${pathToFileURL(resolved).href}\n`);
  return exports;
};
