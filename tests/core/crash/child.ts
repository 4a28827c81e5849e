// A process the crash tests kill with SIGKILL part-way through a write. It reports on stdout when
// it starts the work ("go") and when the work is done ("done"); the parent kills it in between.
import fs from 'node:fs';
import { createCore } from '../../../src/core';

async function main(): Promise<void> {
  const [mode, dbPath, file] = process.argv.slice(2);
  if (!dbPath) throw new Error('usage: child.ts import|open|backup DB [FILE]');
  if (mode === 'open') {
    // Opening migrates a database at an older schema (with its pre-migration backup first).
    process.stdout.write('go\n');
    createCore({ dbPath }).close();
  } else if (mode === 'import') {
    const document = JSON.parse(fs.readFileSync(file!, 'utf8'));
    const core = createCore({ dbPath });
    process.stdout.write('go\n');
    const r = await core.importExchange({ document });
    if (!r.ok) throw new Error(r.error.message);
    core.close();
  } else if (mode === 'backup') {
    const core = createCore({ dbPath });
    process.stdout.write('go\n');
    const r = await core.createBackup({});
    if (!r.ok) throw new Error(r.error.message);
    core.close();
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  process.stdout.write('done\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(2);
});
