// Builds what `bin/ote.js` runs: the TypeScript of src/, commands/ and jobs/ compiled to dist/ (type-checked
// on the way), with the files the runtime reads beside it (SQL migrations, reference data). Run by
// `npm install` / `npm ci` (the prepare script) and by `npm run build`, so there is no compiling at run time.
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const dist = `${root}dist/`;
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

rmSync(dist, { recursive: true, force: true });
const compiled = spawnSync(process.execPath, [tsc, '-p', `${root}tsconfig.build.json`], { stdio: 'inherit' });
if (compiled.status !== 0) process.exit(compiled.status ?? 1);
cpSync(`${root}src/store/migrations`, `${dist}src/store/migrations`, { recursive: true });
cpSync(`${root}reference`, `${dist}reference`, { recursive: true });

// The migrated data directory a fresh DATA_DIR starts from (src/store/pglite.ts), so no user waits for initdb.
const { writeTemplate, TEMPLATE_DIR } = await import(`${dist}src/store/pglite.js`);
await writeTemplate(TEMPLATE_DIR);
