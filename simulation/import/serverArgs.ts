/**
 * How many requests a Python server in a container serves at once, read from its
 * command line the way the server itself reads it: gunicorn (`-w`, `--threads`, `-k`,
 * `--worker-connections`, `GUNICORN_CMD_ARGS`, `WEB_CONCURRENCY`), uvicorn
 * (`--workers`, `--limit-concurrency`) and Celery workers (`-c`/`--concurrency`,
 * `-P`/`--pool`, `--autoscale`). A shell wrapper (`sh -c "… && exec gunicorn …"`) is
 * looked through.
 */

export type ServerName = 'gunicorn' | 'uvicorn' | 'celery';

export interface ServerConcurrency {
  server: ServerName;
  /** Operating-system processes serving: each has its own interpreter lock, so each uses at most one CPU for Python code. */
  processes: number;
  /** Requests one process serves at once; null for an event loop with no stated limit. */
  perProcess: number | null;
  /** An event loop (uvicorn, gevent, eventlet): a waiting request holds no thread. */
  async: boolean;
  /** gunicorn's worker class or Celery's pool, as written. */
  model: string;
  /** The arguments that said so, as written ("-w 4", "--threads 2"), for the report. */
  from: string[];
  /** Celery without --concurrency: it starts one process per CPU of the machine, which a manifest does not state. */
  concurrencyUnstated: boolean;
  /** gunicorn read a config file (`-c`), which may set workers this reading cannot see. */
  configFile: string | null;
}

const shells = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);
const separators = new Set(['&&', '||', ';', '|', '&']);

/** Splits a shell command into words: quotes and backslashes as sh reads them, no expansion. */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (ch === ';' || ch === '&' || ch === '|') {
      if (inWord) words.push(word);
      const two = text.slice(i, i + 2);
      words.push(two === '&&' || two === '||' ? two : ch);
      if (two === '&&' || two === '||') i++;
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

const basename = (word: string) => word.slice(word.lastIndexOf('/') + 1);

/** The words of the command that runs the server, from the one that names it to the next shell separator. */
function serverWords(argv: readonly string[]): { server: ServerName; words: string[] } | null {
  let words = [...argv];
  const shellAt = words.findIndex((w, i) => shells.has(basename(w)) && words[i + 1] !== undefined && /^-\w*c\w*$/.test(words[i + 1]!));
  if (shellAt >= 0 && words[shellAt + 2] !== undefined) words = shellWords(words[shellAt + 2]!);
  for (let i = 0; i < words.length; i++) {
    const w = basename(words[i]!);
    // `python -m gunicorn`, or the entry point itself.
    const name = w === '-m' ? words[i + 1] : w;
    if (name === 'gunicorn' || name === 'uvicorn' || name === 'celery') {
      const start = w === '-m' ? i + 2 : i + 1;
      let end = start;
      while (end < words.length && !separators.has(words[end]!)) end++;
      return { server: name, words: words.slice(start, end) };
    }
  }
  return null;
}

/** The value of an option in any of its spellings (`-w 4`, `-w4`, `--workers 4`, `--workers=4`); the last one wins, as argparse has it. */
function option(words: readonly string[], short: string | null, long: string): { value: string; written: string } | null {
  let found: { value: string; written: string } | null = null;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === long || (short !== null && w === short)) {
      if (words[i + 1] !== undefined) found = { value: words[i + 1]!, written: `${w} ${words[i + 1]}` };
    } else if (w.startsWith(`${long}=`)) found = { value: w.slice(long.length + 1), written: w };
    else if (short !== null && w.startsWith(short) && w.length > short.length && !w.startsWith('--')) found = { value: w.slice(short.length), written: w };
  }
  return found;
}

function count(found: { value: string } | null): number | null {
  if (!found) return null;
  const n = Number(found.value);
  return Number.isInteger(n) && n >= 1 ? n : null;
}

/** Both servers take `--workers`, and fall back to WEB_CONCURRENCY (the convention Heroku started) before their default of 1. */
function processCount(words: readonly string[], short: string | null, env: Readonly<Record<string, string>>, from: string[]): number | null {
  const workers = option(words, short, '--workers');
  if (count(workers) !== null) {
    from.push(workers!.written);
    return count(workers);
  }
  const fromEnv = count({ value: env.WEB_CONCURRENCY ?? '' });
  if (fromEnv !== null) from.push(`WEB_CONCURRENCY=${env.WEB_CONCURRENCY}`);
  return fromEnv;
}

const asyncGunicornClasses = /uvicorn|aiohttp|tornado/i;
const greenGunicornClasses = /gevent|eventlet/i;

function gunicorn(words: readonly string[], env: Readonly<Record<string, string>>): ServerConcurrency {
  // Options on the command line override GUNICORN_CMD_ARGS, which overrides WEB_CONCURRENCY.
  const all = [...shellWords(env.GUNICORN_CMD_ARGS ?? ''), ...words];
  const from: string[] = [];
  const processes = processCount(all, '-w', env, from);
  const threadsOption = option(all, null, '--threads');
  const threads = count(threadsOption) ?? 1;
  if (threadsOption) from.push(threadsOption.written);
  const classOption = option(all, '-k', '--worker-class');
  if (classOption) from.push(classOption.written);
  // gunicorn itself switches a sync worker to gthread when --threads is above 1.
  const model = classOption?.value ?? (threads > 1 ? 'gthread' : 'sync');
  const config = option(all, '-c', '--config');
  const base = { server: 'gunicorn' as const, processes: processes ?? 1, model, from, concurrencyUnstated: false, configFile: config?.value ?? null };
  if (asyncGunicornClasses.test(model)) return { ...base, perProcess: null, async: true };
  if (greenGunicornClasses.test(model)) {
    const connections = option(all, null, '--worker-connections');
    if (connections) from.push(connections.written);
    return { ...base, perProcess: count(connections) ?? 1000, async: true };
  }
  return { ...base, perProcess: model === 'gthread' ? threads : 1, async: false };
}

function uvicorn(words: readonly string[], env: Readonly<Record<string, string>>): ServerConcurrency {
  const from: string[] = [];
  const processes = processCount(words, null, env, from);
  const limit = option(words, null, '--limit-concurrency');
  if (limit) from.push(limit.written);
  return { server: 'uvicorn', processes: processes ?? 1, perProcess: count(limit), async: true, model: 'asyncio', from, concurrencyUnstated: false, configFile: null };
}

function celery(words: readonly string[]): ServerConcurrency | null {
  // Only `celery … worker` serves tasks; `beat` and `flower` are not workers.
  if (!words.includes('worker')) return null;
  const from: string[] = [];
  const poolOption = option(words, '-P', '--pool');
  const pool = poolOption?.value ?? 'prefork';
  if (poolOption) from.push(poolOption.written);
  const concurrencyOption = option(words, '-c', '--concurrency');
  let concurrency = count(concurrencyOption);
  if (concurrency !== null) from.push(concurrencyOption!.written);
  const autoscale = option(words, null, '--autoscale');
  if (autoscale) {
    // --autoscale=MAX,MIN: the pool grows to MAX under load, which is the capacity.
    const max = count({ value: autoscale.value.split(',')[0] ?? '' });
    if (max !== null) {
      concurrency = max;
      from.push(autoscale.written);
    }
  }
  const n = concurrency ?? 1;
  const base = { server: 'celery' as const, model: pool, from, concurrencyUnstated: concurrency === null && pool !== 'solo', configFile: null };
  switch (pool) {
    case 'solo':
      return { ...base, processes: 1, perProcess: 1, async: false };
    case 'threads':
      return { ...base, processes: 1, perProcess: n, async: false };
    case 'gevent':
    case 'eventlet':
      return { ...base, processes: 1, perProcess: n, async: true };
    default:
      return { ...base, processes: n, perProcess: 1, async: false };
  }
}

/** The server a container runs and its concurrency, or null when it runs none of the three. */
export function serverConcurrency(argv: readonly string[], env: Readonly<Record<string, string>>): ServerConcurrency | null {
  const found = serverWords(argv);
  if (!found) return null;
  if (found.server === 'gunicorn') return gunicorn(found.words, env);
  if (found.server === 'uvicorn') return uvicorn(found.words, env);
  return celery(found.words);
}
