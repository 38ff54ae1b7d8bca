/**
 * What adding a product node kind takes, as a checked list: every built-in kind is in
 * each of these places and nowhere else needs its name, and the README's "Adding a node
 * kind" lists the same files. (cdnKind.test.ts shows the simulation side alone: one
 * module registered at run time; a kind a file may name also needs its piece of the
 * schema's union, since the published JSON Schema is generated from it.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allKinds } from '../../simulation/model/kinds';
import { nodeKinds } from '../../simulation/model/schema';
import { kindWord } from '../../simulation/locale/words';
import { reportStrings } from '../../simulation/report/strings';

const read = (path: string) => readFileSync(path, 'utf8');
const json = (path: string) => JSON.parse(read(path)) as { kind: Record<string, string>; kindHelp: Record<string, string> };

/** The files a new kind `k` touches, and how each holds it. */
export const addingAKind: readonly { file: string; holds: (k: string) => boolean }[] = [
  { file: 'simulation/model/kinds/<kind>.ts', holds: (k) => read(`simulation/model/kinds/${k}.ts`).includes(`kind: '${k}'`) },
  { file: 'simulation/model/kinds/index.ts', holds: (k) => read('simulation/model/kinds/index.ts').includes(`import { ${k}Kind } from './${k}';`) },
  { file: 'simulation/model/schema.ts', holds: (k) => read('simulation/model/schema.ts').includes(`kind: z.literal('${k}')`) && (nodeKinds as readonly string[]).includes(k) },
  { file: 'simulation/locale/words.ts', holds: (k) => kindWord(k, 'zh-CN') !== k },
  { file: 'simulation/report/strings.ts', holds: (k) => Object.hasOwn(reportStrings.en.kinds, k) && Object.hasOwn(reportStrings['zh-CN'].kinds, k) },
  { file: 'renderer/src/kinds/<kind>.tsx', holds: (k) => existsSync(`renderer/src/kinds/${k}.tsx`) && read(`renderer/src/kinds/${k}.tsx`).includes(`kind: '${k}'`) && existsSync(`assets/icons/${k}.svg`) },
  { file: 'renderer/src/kinds/index.ts', holds: (k) => read('renderer/src/kinds/index.ts').includes(`${k}: withColor(${k}View)`) },
  { file: 'renderer/src/i18n/en.json', holds: (k) => Object.hasOwn(json('renderer/src/i18n/en.json').kind, k) },
  { file: 'renderer/src/i18n/zh-CN.json', holds: (k) => Object.hasOwn(json('renderer/src/i18n/zh-CN.json').kind, k) },
];

describe('adding a node kind', () => {
  it('the registry holds the kinds the schema admits, in its order', () => {
    expect(allKinds().map((k) => k.kind)).toEqual([...nodeKinds]);
  });

  it.each([...nodeKinds])('every listed place holds %s', (k) => {
    expect(addingAKind.filter((p) => !p.holds(k)).map((p) => p.file)).toEqual([]);
  });

  it('no colour of a kind is kept outside its module', () => {
    for (const file of ['simulation/report/html.ts', 'renderer/src/diagram/icons/iconShapes.ts', ...allKinds().map((k) => `renderer/src/kinds/${k.kind}.tsx`)]) {
      for (const k of allKinds()) expect(read(file), `${file}: ${k.kind}`).not.toContain(k.color);
    }
    expect(new Set(allKinds().map((k) => k.color)).size).toBe(allKinds().length);
  });

  it('the README lists the same files', () => {
    const readme = read('README.md');
    const section = readme.slice(readme.indexOf('Adding a node kind'));
    expect(readme).toContain('Adding a node kind');
    for (const { file } of addingAKind) expect(section).toContain(file);
  });
});
