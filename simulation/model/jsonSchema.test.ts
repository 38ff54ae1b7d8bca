/**
 * The committed JSON Schema must be exactly what the zod schema generates today, and
 * must be a well-formed draft 2020-12 document with its identity and shared parts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema, scenarioSchemaId } from './jsonSchema';

const committedPath = new URL('../../assets/schema/scenario-v1.schema.json', import.meta.url);

type JsonSchema = Record<string, unknown> & { $defs: Record<string, Record<string, unknown>>; properties: Record<string, unknown>; required: string[] };

describe('scenario JSON Schema', () => {
  it('is committed up to date', () => {
    const expected = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
    const committed = readFileSync(committedPath, 'utf8');
    if (committed !== expected) expect.fail('assets/schema/scenario-v1.schema.json is stale: run `npm run schema`');
  });

  it('is draft 2020-12 with an id, title and description', () => {
    const s = JSON.parse(readFileSync(committedPath, 'utf8')) as JsonSchema;
    expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(s.$id).toBe(scenarioSchemaId);
    expect(s.title).toBe('Headroom scenario, version 1');
    expect(typeof s.description).toBe('string');
    expect(Object.keys(s).slice(0, 4)).toEqual(['$schema', '$id', 'title', 'description']);
  });

  it('describes the file as it is written (input), strictly', () => {
    const s = scenarioJsonSchema() as JsonSchema;
    expect(s.type).toBe('object');
    expect(s.additionalProperties).toBe(false);
    expect(s.required).toEqual(['format', 'version', 'name', 'nodes', 'edges', 'run']);
    expect(s.properties.format).toEqual({ type: 'string', const: 'headroom/scenario' });
  });

  it('names its shared parts under $defs, with hover text', () => {
    const s = scenarioJsonSchema() as JsonSchema;
    for (const name of ['Node', 'SourceNode', 'ServiceNode', 'Dist', 'DistSpec', 'RatioSpec', 'Edge', 'RunSettings']) {
      expect(s.$defs[name], name).toBeDefined();
      expect(typeof s.$defs[name]?.description, name).toBe('string');
    }
    expect((s.$defs.Node?.oneOf as unknown[]).length).toBe(7);
    expect(JSON.stringify(s)).not.toContain('__schema');
  });

  it('resolves every $ref', () => {
    const s = scenarioJsonSchema() as JsonSchema;
    const refs = [...JSON.stringify(s).matchAll(/"\$ref":"#\/\$defs\/([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(refs.length).toBeGreaterThan(10);
    for (const r of refs) expect(s.$defs[r], r).toBeDefined();
  });
});
