/** The icon files in assets/icons are the canvas icons, drawn from the same shapes. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeKinds } from '../../../../simulation/model/schema';
import { iconMarkup } from './iconShapes';
import { kindViews } from '../../kinds';

describe('component icons', () => {
  it.each(nodeKinds)('assets/icons/%s.svg matches the canvas icon', (kind) => {
    const file = readFileSync(join(process.cwd(), 'assets/icons', `${kind}.svg`), 'utf8');
    expect(file.trim()).toBe(`<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24">${iconMarkup(kind, kindViews[kind].color)}</svg>`);
  });
  it('gives every kind its own colour', () => {
    expect(new Set(Object.values(kindViews).map((v) => v.color)).size).toBe(nodeKinds.length);
  });
});
