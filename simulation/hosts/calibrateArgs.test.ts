/** `fit`'s positionals and --calibrate nodes from node:util parseArgs tokens: every form a person types, and the refusals. */
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { errorText } from '../findings/error';
import { fitArguments, type ArgToken } from './calibrateArgs';

const read = (args: string[]) =>
  fitArguments(parseArgs({ args, allowPositionals: true, tokens: true, strict: true, options: { calibrate: { type: 'string', multiple: true }, locust: { type: 'string' }, out: { type: 'string' } } }).tokens as ArgToken[]);
const refusal = (args: string[], lang: 'en' | 'zh-CN' = 'en') => {
  try {
    read(args);
  } catch (e) {
    return errorText(e, lang);
  }
  throw new Error(`accepted: ${args.join(' ')}`);
};

describe('fitArguments', () => {
  it('reads every form to the same file and nodes', () => {
    const want = { files: ['shop.headroom.json'], calibrate: ['api', 'db'] };
    expect(read(['shop.headroom.json', '--calibrate', 'api,db'])).toEqual(want);
    expect(read(['shop.headroom.json', '--calibrate', 'api', '--calibrate', 'db'])).toEqual(want);
    expect(read(['shop.headroom.json', '--calibrate=api', '--calibrate=db'])).toEqual(want);
    expect(read(['shop.headroom.json', '--calibrate', 'api', 'db'])).toEqual(want);
    expect(read(['shop.headroom.json', '--calibrate', 'api', 'db', '--locust', 'h.csv'])).toEqual(want);
    expect(read(['--calibrate', 'api', 'db', 'shop.headroom.json', '--locust', 'h.csv'])).toEqual(want);
    expect(read(['--calibrate', 'api, db', 'shop.headroom.json'])).toEqual(want);
    expect(read(['--calibrate', 'api', 'db,', 'shop.headroom.json'])).toEqual(want);
    expect(read(['models/shop', '--calibrate', 'api', 'db'])).toEqual({ files: ['models/shop'], calibrate: ['api', 'db'] });
    expect(read(['shop.headroom.json', '--locust', 'h.csv'])).toEqual({ files: ['shop.headroom.json'], calibrate: [] });
  });

  it('ends the nodes at an option or at --', () => {
    expect(read(['--calibrate', 'api', '--locust', 'h.csv', 'shop'])).toEqual({ files: ['shop'], calibrate: ['api'] });
    expect(read(['--calibrate', 'api', '--', 'shop'])).toEqual({ files: ['shop'], calibrate: ['api'] });
    // Two files without --calibrate between them are the caller's to refuse (fitOneTest).
    expect(read(['a.json', 'b.json']).files).toEqual(['a.json', 'b.json']);
  });

  it('refuses, naming --calibrate and the value, what it cannot read', () => {
    expect(refusal(['--locust', 'h.csv', '--calibrate', 'api', 'shop'])).toBe(
      '--calibrate api shop: no scenario file is left: every word after --calibrate that can be a node id (letters, digits, - and _) is read as one, "shop" too; put the scenario file before --calibrate',
    );
    expect(refusal(['shop.json', '--calibrate', 'api', 'other.json'])).toBe(
      '--calibrate api other.json: "other.json" is not a node id (letters, digits, - and _), and the scenario file is already shop.json; node ids go after --calibrate, separated by spaces or commas',
    );
    expect(refusal(['shop.json', '--calibrate', ','])).toBe('--calibrate "," names no node: give node ids, as --calibrate api --calibrate db');
    expect(refusal(['shop.json', '--calibrate='])).toContain('--calibrate "" names no node');
    expect(refusal(['--calibrate', 'api', 'shop'], 'zh-CN')).toMatch(/^--calibrate api shop：没有剩下场景文件/);
  });
});
