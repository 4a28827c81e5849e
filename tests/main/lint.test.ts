// The main process never opens the database: it may find it (core/paths) and spawn the worker
// (core/worker), nothing else of the core, and never better-sqlite3.
import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root });
const rules = async (code: string) =>
  (await eslint.lintText(`${code}\nexport const used = [x];\n`, { filePath: path.join(root, 'src/main/x.ts') }))[0]!.messages.map((m) => m.ruleId);

describe('what src/main may import from the core', () => {
  it.each([
    "import x from 'better-sqlite3';",
    "import { createCore as x } from '../core';",
    "import { createCore as x } from '../core/index';",
    "import { openDatabase as x } from '../core/db/open';",
    "import { search as x } from '../core/search/search.service';",
    "import { App as x } from '../renderer/src/App';",
  ])('refuses %s', async (code) => expect(await rules(code)).toContain('no-restricted-imports'));

  it.each([
    "import { defaultDbPath as x } from '../core/paths';",
    "import { createWorkerClient as x } from '../core/worker/client';",
    "import type { WorkerData as x } from '../core/worker/protocol';",
    "import { methods as x } from '../shared/api';",
  ])('allows %s', async (code) => expect(await rules(code)).toEqual([]));
});
