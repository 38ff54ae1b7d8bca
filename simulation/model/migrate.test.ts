/**
 * The migration chain against frozen per-version fixtures: a version 0 file must come
 * out exactly as its hand-written version 1 twin, and files from the future or with
 * no version must be refused with a clear reason.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { currentVersion, migrate } from './migrate';
import { formatIssue, parseScenario } from './validate';

const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

describe('migrate', () => {
  it('is at version 1', () => {
    expect(currentVersion).toBe(1);
  });

  it('lifts a version 0 file to exactly its version 1 twin', () => {
    const v0 = fixture('v0/two-tier.v0.json');
    const result = migrate(v0);
    expect(result.issues).toEqual([]);
    expect(result.from).toBe(0);
    expect(result.doc).toEqual(fixture('v0/two-tier.v1.json'));
  });

  it('keeps the field order, so a re-saved file diffs cleanly', () => {
    const doc = migrate(fixture('v0/two-tier.v0.json')).doc as { nodes: object[]; run: object };
    expect(Object.keys(doc.nodes[1] ?? {})).toEqual(['id', 'kind', 'label', 'position', 'replicas', 'workers', 'work']);
    expect(Object.keys(doc.run)).toEqual(['duration', 'warmup', 'replications', 'seed']);
  });

  it('does not touch its input', () => {
    const v0 = fixture('v0/two-tier.v0.json');
    const before = JSON.stringify(v0);
    migrate(v0);
    expect(JSON.stringify(v0)).toBe(before);
  });

  it('passes a current file through unchanged', () => {
    const v1 = fixture('v0/two-tier.v1.json');
    expect(migrate(v1)).toEqual({ doc: v1, from: 1, issues: [] });
  });

  it('runs on every load: a version 0 file parses to the same scenario as its twin', () => {
    const fromV0 = parseScenario(fixture('v0/two-tier.v0.json'));
    const fromV1 = parseScenario(fixture('v0/two-tier.v1.json'));
    expect(fromV0.ok).toBe(true);
    expect(fromV0).toEqual(fromV1);
  });

  it('validates the migrated document, with paths that still point into the file', () => {
    const outcome = parseScenario(fixture('v0/broken.v0.json'));
    expect(outcome.ok ? [] : outcome.issues.map(formatIssue)).toEqual(['nodes[1]: unknown field "workrs" (did you mean "workers"?)']);
  });

  it('leaves a field alone when the new name is already taken, so validation names it', () => {
    const v0 = fixture('v0/two-tier.v0.json') as { nodes: Record<string, unknown>[] };
    const node = v0.nodes[1] as Record<string, unknown>;
    node.kind = 'service';
    const outcome = parseScenario(v0);
    expect(outcome.ok ? [] : outcome.issues.map(formatIssue)).toEqual(['nodes[1]: unknown field "type"']);
  });

  it('refuses a file from a newer Headroom', () => {
    const result = migrate(fixture('future.v2.json'));
    expect(result.from).toBe(2);
    expect(result.issues).toMatchObject([{ path: 'version', message: 'this file is version 2; this Headroom reads up to version 1' }]);
    const outcome = parseScenario(fixture('future.v2.json'));
    expect(outcome.ok ? [] : outcome.issues.map(formatIssue)).toEqual(['version: this file is version 2; this Headroom reads up to version 1']);
  });

  it('refuses a file without a version', () => {
    const doc = fixture('v0/two-tier.v1.json');
    delete doc.version;
    expect(migrate(doc)).toMatchObject({ doc, from: null, issues: [{ path: 'version', message: 'is missing: a scenario file states its format version ("version": 1)' }] });
  });

  it.each([['1'], [1.5], [-1], [null]])('refuses version %j', (version) => {
    const result = migrate({ format: 'headroom/scenario', version });
    expect(result.from).toBeNull();
    expect(result.issues).toMatchObject([{ path: 'version', message: `must be a whole number (this Headroom reads versions 0 to 1), not ${JSON.stringify(version)}` }]);
  });

  it('refuses other Headroom documents by their format', () => {
    expect(migrate({ format: 'headroom/result', version: 1 }).issues).toMatchObject([{ path: 'format', message: 'must be "headroom/scenario" (this is a headroom/result document, not a scenario)' }]);
    expect(migrate({ format: 'openapi', version: 1 }).issues).toMatchObject([{ path: 'format', message: 'must be "headroom/scenario"' }]);
  });

  it('refuses what is not an object', () => {
    expect(migrate([]).issues).toMatchObject([{ path: '', message: 'must be a JSON object (a Headroom scenario, "format": "headroom/scenario"), not a list' }]);
  });
});
