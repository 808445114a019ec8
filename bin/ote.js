#!/usr/bin/env node
// Runs the compiled command line in dist/ (built once by `npm install` through the prepare script, or by
// `npm run build`). OTE_FROM_SOURCE=1 runs the TypeScript sources through tsx instead, for development:
// what is in the tree, without a build.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/src/cli.js', import.meta.url);
if (process.env.OTE_FROM_SOURCE === '1') {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../src/cli.ts');
  await main(process.argv);
} else if (existsSync(compiled)) {
  const { main } = await import(compiled.href);
  await main(process.argv);
} else {
  process.stderr.write('ote is nog niet gebouwd: voer npm install of npm run build uit.\n');
  process.exitCode = 1;
}
