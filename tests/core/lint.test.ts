import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: path.resolve(__dirname, '../..') });
const lint = async (file: string, code: string) => (await eslint.lintText(code, { filePath: path.resolve(__dirname, '../..', file) }))[0]!.messages;

describe('the folder import table of ARCHITECTURE.md', () => {
  const forbidden: [string, string][] = [
    ['src/core/x.ts', "import { app } from 'electron';"],
    ['src/core/x.ts', "import React from 'react';"],
    ['src/shared/x.ts', "import fs from 'node:fs';"],
    ['src/shared/x.ts', "import Database from 'better-sqlite3';"],
    ['src/renderer/src/x.ts', "import { createCore } from '../../core';"],
    ['src/renderer/src/x.ts', "import path from 'node:path';"],
    ['src/renderer/src/x.ts', "import { ipcRenderer } from 'electron';"],
    ['src/preload/x.ts', "import { createCore } from '../core';"],
    ['src/main/x.ts', "import { App } from '../renderer/src/App';"],
    ['src/cli/x.ts', "import { BrowserWindow } from 'electron';"],
  ];
  it.each(forbidden)('%s may not: %s', async (file, code) => {
    const messages = await lint(file, `${code}\nexport const used = [${code.match(/import \{? ?(\w+)/)![1]}];\n`);
    expect(messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
  });

  it('allows what the table allows', async () => {
    expect(await lint('src/core/x.ts', "import fs from 'node:fs';\nimport { z } from 'zod';\nexport const a = [fs, z];\n")).toEqual([]);
    expect(await lint('src/renderer/src/x.ts', "import { methods } from '../../shared/api';\nexport const a = methods;\n")).toEqual([]);
  });
});
