// The command-line interface: the same core, in-process. Prints only the command's own output;
// exit code 0 on success, non-zero with a one-line error on failure.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { KbResult, SearchType } from '../shared/api';
import { createCore, defaultDbPath, demoPath, type KbCore } from '../core';
import { rendererBundleDir, startServer, type RunningServer } from '../core/http/server';
import { CliUsageError, exportRecordsFile, importRosterFile, isRosterFile } from './io-commands';
import { CliError, damagedMessage, safetyCommand, SAFETY_COMMANDS, SAFETY_USAGE } from './safety-commands';
import { runBrief } from './brief-command';
import { formatImportReport, formatSearch, formatStats } from './format';

const USAGE = `Usage: kb <command> [options]

Commands:
  init [--demo]                       create the knowledge base (with the demo data)
  import FILE [--dry-run] [--json]    import a .mieux-kb.json exchange file, or an expert roster
        [--encoding E] [--delimiter D] [--date-order dmy|mdy] [--sheet NAME]
                                      (.csv, .tsv, .txt, .xlsx; columns mapped from their headers)
  export FILE                         export everything to a .mieux-kb.json file
  export FILE --type experts|actions|lessons [--format csv|xlsx|json|vcf]
                                      export one kind of record (format from the extension by default)
  stats [--json]                      the key figures
  search QUERY [--type action|lesson|expert] [--limit N] [--json]
  brief --country CI --topic MD-DIASPORA [--domain MD] [--text "…"] [--from 2027-03] [--to 2027-06]
        [--action ID|CODE] [--level B2] [--limit N] [--json] [--html FILE] [--bundle FILE] [--lang en|fr]
                                      the preparation brief: similar Actions, lessons, experts
  check                               integrity and schema version (exit 1 when damaged)
${SAFETY_USAGE}
  serve [--port N] [--open]           the app in a browser: serves it on 127.0.0.1 (first line: its address)

Every command takes --db PATH (default: $MIEUX_KB_DB, else the app's data folder).`;

function unwrap<T>(r: KbResult<T>): T {
  if (r.ok) return r.value;
  throw new CliError(r.error.message);
}

function open(dbPath: string, mustExist: boolean): KbCore {
  if (mustExist && dbPath !== ':memory:' && !fs.existsSync(dbPath)) {
    throw new CliError(`No knowledge base at ${dbPath}. Create one with: kb init [--demo]`);
  }
  return createCore({ dbPath });
}

export async function run(argv: string[], out: (s: string) => void): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      demo: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      encoding: { type: 'string' },
      delimiter: { type: 'string' },
      'date-order': { type: 'string' },
      sheet: { type: 'string' },
      format: { type: 'string' },
      type: { type: 'string' },
      limit: { type: 'string' },
      port: { type: 'string' },
      open: { type: 'boolean', default: false },
      country: { type: 'string', multiple: true },
      topic: { type: 'string', multiple: true },
      domain: { type: 'string' },
      text: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      action: { type: 'string' },
      level: { type: 'string' },
      html: { type: 'string' },
      bundle: { type: 'string' },
      lang: { type: 'string' },
      yes: { type: 'boolean', default: false },
      lift: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...args] = positionals;
  if (values.help || !command) {
    out(USAGE);
    return;
  }
  const dbPath = values.db ?? defaultDbPath();
  const arg = (name: string) => {
    const v = args[0];
    if (!v) throw new CliError(`${command} needs ${name}`);
    return v;
  };
  const withCore = async <T>(mustExist: boolean, fn: (core: KbCore) => Promise<T>): Promise<T> => {
    const core = open(dbPath, mustExist);
    try {
      return await fn(core);
    } finally {
      core.close();
    }
  };

  switch (command) {
    case 'init':
      return withCore(false, async (core) => {
        if (values.demo) {
          const report = unwrap(await core.importExchange({ document: readJson(demoPath()) }));
          out(`Knowledge base ready at ${dbPath} with the demo data (${report.actions.created + report.actions.updated + report.actions.unchanged} Actions).`);
        } else {
          out(`Knowledge base ready at ${dbPath}.`);
        }
      });
    case 'import': {
      const file = arg('a FILE');
      if (isRosterFile(file)) {
        const options = { dryRun: values['dry-run'], json: values.json, encoding: values.encoding, delimiter: values.delimiter, dateOrder: values['date-order'], sheet: values.sheet };
        return withCore(false, async (core) => out(await importRosterFile(core, file, options)));
      }
      const document = readJson(file);
      return withCore(false, async (core) => {
        const report = unwrap(await core.importExchange({ document, dryRun: values['dry-run'] }));
        out(values.json ? JSON.stringify(report, null, 2) : formatImportReport(report));
      });
    }
    case 'export': {
      const file = arg('a FILE');
      if (values.type !== undefined || values.format !== undefined) {
        return withCore(true, async (core) => out(await exportRecordsFile(core, file, values.type, values.format)));
      }
      return withCore(true, async (core) => {
        const doc = unwrap(await core.exportExchange({}));
        fs.writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
        out(`Exported ${doc.actions.length} Actions, ${doc.lessons.length} lessons, ${doc.experts.length} experts, ${doc.deployments.length} deployments to ${file}.`);
      });
    }
    case 'stats':
      return withCore(true, async (core) => {
        const stats = unwrap(await core.getStats({}));
        out(values.json ? JSON.stringify(stats, null, 2) : formatStats(stats));
      });
    case 'search': {
      const query = args.join(' ');
      const limit = values.limit === undefined ? 20 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new CliError('--limit must be a whole number of at least 1');
      const type = values.type as SearchType | undefined;
      if (type && !['action', 'lesson', 'expert'].includes(type)) throw new CliError('--type must be action, lesson or expert');
      return withCore(true, async (core) => {
        const result = unwrap(await core.search({ query, limit, types: type ? [type] : undefined }));
        out(values.json ? JSON.stringify(result, null, 2) : formatSearch(result));
      });
    }
    case 'brief':
      return withCore(true, (core) =>
        runBrief(core, values, out, (message) => {
          throw new CliError(message);
        }),
      );
    case 'check':
      return withCore(true, async (core) => {
        const damaged = await damagedMessage(core);
        if (damaged) throw new CliError(damaged);
        const check = unwrap(await core.checkDatabase({}));
        if (!check.ok) throw new CliError(`Problems in ${check.path}: ${check.problems.join('; ') || `schema ${check.schemaVersion}, expected ${check.appSchemaVersion}`}`);
        out(`OK: ${check.path} passes the integrity check (schema version ${check.schemaVersion}).`);
      });
    case 'serve':
      return serve(dbPath, values.port, values.open, out);
    default:
      if ((SAFETY_COMMANDS as readonly string[]).includes(command)) {
        return safetyCommand(command as (typeof SAFETY_COMMANDS)[number], { dbPath, args, flags: values, withCore: (fn) => withCore(true, fn), out });
      }
      throw new CliError(`Unknown command "${command}". Run kb --help for the list.`);
  }
}

/** Runs until SIGINT or SIGTERM, then stops the server and closes the database cleanly. */
async function serve(dbPath: string, portText: string | undefined, openBrowser: boolean, out: (s: string) => void): Promise<void> {
  const port = portText === undefined ? 0 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError('--port must be a whole number from 0 to 65535 (0 picks a free port)');
  const staticDir = rendererBundleDir();
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) throw new CliError(`No built renderer in ${staticDir}. Build it with: npm run build`);
  // Like the desktop app's first start: a new knowledge base opens with the demo data.
  const core = createCore({ dbPath, demoIfNew: true });
  let server: RunningServer;
  try {
    server = await startServer({ core, staticDir, port });
  } catch (e) {
    core.close();
    const busy = (e as NodeJS.ErrnoException).code === 'EADDRINUSE';
    throw new CliError(busy ? `Port ${port} is already in use: choose another with --port, or --port 0 for a free one` : (e as Error).message);
  }
  out(server.url);
  out(`Serving ${dbPath} on 127.0.0.1 only. Press Ctrl+C to stop.`);
  if (openBrowser) openInBrowser(server.url);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().finally(() => {
        core.close();
        resolve();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function openInBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : process.platform === 'darwin' ? ['open', [url]] : ['xdg-open', [url]];
  const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write(`Could not open a browser; open ${url} yourself.\n`));
  child.unref();
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`Cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new CliError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
}

if (require.main === module) {
  run(process.argv.slice(2), (s) => process.stdout.write(s + '\n')).catch((e: unknown) => {
    const message = e instanceof CliError || e instanceof CliUsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? (e as Error).message : `Unexpected error: ${(e as Error).message}`;
    process.stderr.write(`error: ${message.split('\n')[0]}\n`);
    process.exitCode = 1;
  });
}
