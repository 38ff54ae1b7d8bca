/**
 * With `--lang zh-CN` a person reads the command line's errors and its usage in
 * Chinese, with the same exit code as in English: every case below runs twice, once
 * in each language. Option names, commands, paths and typed values stay as written;
 * any other Latin word left in the Chinese message is a sentence nobody translated.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, edge, exponential, poissonSource, service } from '../helpers/build';
import { headroom, scratch } from '../helpers/cli';
import { englishWords } from '../helpers/english';

const tmp = scratch();
afterAll(() => tmp.remove());

const file = tmp.file(
  'lang.headroom.json',
  build({
    nodes: [poissonSource('users', 20), service('api', exponential(0.01), { workers: 4 })],
    edges: [edge('users', 'api')],
    run: { duration: 5, warmup: 1, replications: 1, seed: 2 },
  }),
);
const notTraces = tmp.file('not-traces.json', { hello: 'world' });
const cutShort = tmp.file('cut.json', '{"resourceSpans": [');
const missing = join(tmp.dir, 'missing.json');
const commands = ['headroom', 'help', 'fit', 'run', 'sweep', 'merge', 'compare', 'plan', 'resilience', 'metastability', 'import', 'traces', 'validate', 'schema'];
const noFolder = join(tmp.dir, 'nowhere', 'r.json');

/**
 * The message without what a Chinese reader sees as typed: paths and arguments, quoted
 * values, options, placeholders (PATH=VALUE), field paths (nodes[1].replicas), commands.
 */
function translatedPart(line: string, args: readonly string[]): string {
  // JSON.parse's own words, quoted as the detail of a file that is not JSON.
  line = line.replace('Unexpected end of JSON input', ' ');
  let rest = line.replace(/\/[^\s：，（）]+/g, ' ');
  rest = rest.replace(/\b[A-Za-z]+(?:\[\d+\])?(?:\.[A-Za-z]+(?:\[\d+\])?)+/g, ' ');
  for (const arg of [...args].sort((a, b) => b.length - a.length)) if (arg.length > 2) rest = rest.split(arg).join(' ');
  rest = rest.replace(/"[^"]*"/g, ' ').replace(/(?<![\w-])--?[A-Za-z][\w-]*/g, ' ');
  rest = rest.replace(/\b[A-Z][A-Z0-9_]*\b/g, ' ');
  return rest.replace(new RegExp(`\\b(?:${commands.join('|')})\\b`, 'g'), ' ');
}


const cases: [string, string[], number][] = [
  ['no file for run', ['run'], 2],
  ['two files for run', ['run', file, file], 2],
  ['an unknown command', ['frob'], 2],
  ['an unknown option', ['run', file, '--replication', '3'], 2],
  ['an option without its value', ['run', file, '--json'], 2],
  ['a value for a flag', ['run', file, '--check=yes'], 2],
  ['a number that is not one', ['run', file, '--replications', 'three'], 2],
  ['a negative warm-up', ['run', file, '--warmup', '-1'], 2],
  ['--set without =', ['run', file, '--set', 'nodes.api.replicas'], 2],
  ['--set to an invalid scenario', ['run', file, '--set', 'nodes.api.replicas=-1'], 1],
  ['--trace-requests without --traces', ['run', file, '--trace-requests', '5'], 2],
  ['--traces to standard output', ['run', file, '--traces', '-'], 2],
  ['too many trace requests', ['run', file, '--traces', join(tmp.dir, 't.json'), '--trace-requests', '200000'], 2],
  ['--vary without =', ['sweep', file, '--vary', 'nodes.api.replicas'], 2],
  ['an empty --vary range', ['sweep', file, '--vary', 'nodes.api.replicas=8..1'], 2],
  ['a shard out of range', ['sweep', file, '--shard', '3/2'], 2],
  ['compare with one file and no --with', ['compare', file], 2],
  ['compare without files', ['compare'], 2],
  ['plan without a load', ['plan', file, '--nodes', 'api'], 2],
  ['plan without nodes to size', ['plan', file, '--load', '30'], 1],
  ['plan of a node that does not exist', ['plan', file, '--load', '30', '--nodes', 'cache'], 1],
  ['a spike during the warm-up', ['resilience', file, '--at', '1'], 1],
  ['a spike on a node that is no source', ['resilience', file, '--source', 'api'], 1],
  ['merge without shards', ['merge'], 2],
  ['merge of a missing file', ['merge', missing], 1],
  ['validate without files', ['validate'], 2],
  ['validate of a missing file', ['validate', missing], 1],
  ['import without "traces"', ['import', 'trace'], 2],
  ['import traces without files', ['import', 'traces'], 2],
  ['import traces of a missing file', ['import', 'traces', missing], 1],
  ['import traces of a file that is no trace export', ['import', 'traces', notTraces], 1],
  ['import traces of a cut-short file', ['import', 'traces', cutShort], 1],
  ['a bad --map', ['import', 'traces', notTraces, '--map', 'frontend'], 2],
  ['--out to standard output', ['import', 'traces', notTraces, '--out', '-'], 2],
  ['an output in a missing folder', ['run', file, '--json', noFolder], 1],
  ['fit without a load test', ['fit', file], 2],
  ['fit of a missing load test', ['fit', file, '--k6', missing], 1],
  ['fit of a file that is no k6 summary', ['fit', file, '--k6', notTraces], 1],
  ['fit with --out and nothing to calibrate', ['fit', file, '--k6', missing, '--out', join(tmp.dir, 'c.json')], 2],
];

describe('the command line in Chinese', () => {
  it.each(cases)('%s: same exit code, a Chinese message', (_name, args, code) => {
    const en = headroom(args);
    const zh = headroom([...args, '--lang', 'zh-CN']);
    expect(en.status, en.stderr).toBe(code);
    expect(zh.status, zh.stderr).toBe(code);
    const enText = (en.stderr || en.stdout).trim();
    const zhText = (zh.stderr || zh.stdout).trim();
    const message = zhText.split('\n').slice(0, code === 2 ? 1 : undefined).join('\n');
    expect(message).toMatch(/[\u4e00-\u9fff]/);
    expect(message).not.toBe(enText.split('\n')[0]);
    expect(englishWords(translatedPart(message, args), ['JSON', 'OTLP', 'Jaeger', 'OpenTelemetry', 'span', 'spans', 'resourceSpans', 'data', 'handleSummary'])).toEqual([]);
    // A wrong command line shows the usage, in the reader's language.
    if (code === 2) {
      expect(en.stderr).toContain('usage:');
      expect(zh.stderr).toContain('用法：');
      expect(zh.stderr).not.toContain('usage:');
    }
  });

  it('--lang may come before the command', () => {
    const p = headroom(['--lang', 'zh-CN', 'run']);
    expect(p.status).toBe(2);
    expect(p.stderr).toContain('run 只接受一个场景文件');
  });

  it('--lang may come between import and its kind', () => {
    const p = headroom(['import', '--lang', 'zh-CN', 'traces', notTraces]);
    expect(p.status).toBe(1);
    expect(p.stderr).toMatch(/[\u4e00-\u9fff]/);
    expect(p.stderr).not.toContain('"traces" 或 "k8s"');
  });

  it('names the unknown option and the command', () => {
    const en = headroom(['sweep', file, '--varry', 'x=1']);
    expect(en.stderr.split('\n')[0]).toBe('headroom: sweep: unknown option --varry (headroom --help lists the options)');
    const zh = headroom(['sweep', file, '--varry', 'x=1', '--lang', 'zh-CN']);
    expect(zh.stderr.split('\n')[0]).toBe('headroom：sweep：没有选项 --varry（headroom --help 列出全部选项）');
  });

  it('reports a --lang that names no language in both languages, exit 2', () => {
    const p = headroom(['run', file, '--lang', 'fr']);
    expect(p.status).toBe(2);
    expect(p.stderr).toContain('--lang: expected en or zh-CN, got "fr"');
    expect(p.stderr).toContain('--lang：应为 en 或 zh-CN，实际为 "fr"');
  });

  it.each([['--help'], ['help'], ['-h']])('%s --lang zh-CN prints the usage in Chinese, commands and options as typed', (help) => {
    const en = headroom([help]);
    const zh = headroom([help, '--lang', 'zh-CN']);
    expect(zh.status).toBe(0);
    expect(zh.stdout.startsWith('用法：')).toBe(true);
    // The same commands and options, in the same order.
    const options = (text: string) => text.match(/(?<![\w-])--[a-z][\w-]*/g);
    expect(options(zh.stdout)).toEqual(options(en.stdout));
    // Option values are typed as they stand (`--replay open|closed`, `--workers NODE=N|unlimited`).
    expect(englishWords(translatedPart(zh.stdout, []), ['OTLP', 'Jaeger', 'Schema', 'zh-CN', 'open|closed', 'spike|fault|flush', '|unlimited'])).toEqual([]);
  });
});

/**
 * What a run prints on success, read in Chinese: the run summary, the sweep table with
 * its verdict, the paired comparison and the plan. Node ids, the scenario's name and the
 * values typed are quoted as they are; every other Latin word is an untranslated one.
 */
describe('the printed results in Chinese', () => {
  const quoted = ['test', 'users', 'api', 'USD'];
  const printed: [string, string[]][] = [
    ['run', ['run', file]],
    ['sweep', ['sweep', file, '--vary', 'nodes.api.replicas=1,2']],
    ['compare', ['compare', file, '--with', 'nodes.api.workers=2']],
    ['plan', ['plan', file, '--load', '30', '--nodes', 'api']],
  ];
  it.each(printed)('%s: every word translated, and the table columns line up', (_name, args) => {
    const en = headroom(args);
    const zh = headroom([...args, '--lang', 'zh-CN']);
    expect(en.status, en.stderr).toBe(0);
    expect(zh.status, zh.stderr).toBe(0);
    expect(zh.stdout).toMatch(/[\u4e00-\u9fff]/);
    expect(zh.stdout.split('\n').length).toBe(en.stdout.split('\n').length);
    expect(englishWords(translatedPart(zh.stdout, args), quoted)).toEqual([]);
    // A table's rule and its rows are as wide as its header in terminal columns (a Chinese character takes two).
    const width = (line: string) => [...line].reduce((w, ch) => w + (ch >= '\u2e80' && ch <= '\uffef' ? 2 : 1), 0);
    const lines = zh.stdout.split('\n');
    const rule = lines.findIndex((l) => /^\s+─/.test(l));
    if (rule > 0) {
      const columnEnds = (line: string) => {
        const ends: number[] = [];
        let col = 0;
        for (const segment of line.split(/(\s{2,})/)) {
          col += width(segment);
          if (segment.trim()) ends.push(col);
        }
        return ends;
      };
      // Right-aligned columns end where the rule's dashes end.
      const ruleEnds = columnEnds(lines[rule]!);
      expect(columnEnds(lines[rule + 1]!).slice(1)).toEqual(ruleEnds.slice(1, columnEnds(lines[rule + 1]!).length));
    }
  });

  it('compare --with without "=" names --with, in both languages', () => {
    const en = headroom(['compare', file, '--with', 'nodes.api.workers']);
    const zh = headroom(['compare', file, '--with', 'nodes.api.workers', '--lang', 'zh-CN']);
    expect(en.stderr.split('\n')[0]).toBe('headroom: --with: expected PATH=VALUE, got "nodes.api.workers"');
    expect(zh.stderr.split('\n')[0]).toBe('headroom：--with：应为 PATH=VALUE，实际为 "nodes.api.workers"');
  });

  it('compare --with to an invalid scenario says why in Chinese', () => {
    const zh = headroom(['compare', file, '--with', 'nodes.api.workers=-1', '--lang', 'zh-CN']);
    expect(zh.status).toBe(1);
    expect(zh.stderr).toMatch(/^--with nodes\.api\.workers=-1|改写后的场景无效/);
    expect(zh.stderr).toMatch(/[\u4e00-\u9fff]/);
  });
});
