import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { en } from '../menu/strings';
import { createNodeFs } from '../platform/nodeFs';
import { fakeDialogs } from '../testing/fakes';
import { useTmpDirs } from '../testing/tmpdir';
import { createExporter } from './exporter';
import { WindowState } from './windowState';

const makeDir = useTmpDirs();

async function setup(render = vi.fn(async (_html: string) => new TextEncoder().encode('%PDF-1.7 fake'))) {
  const dir = await makeDir();
  const { dialogs, saveAnswers } = fakeDialogs();
  const exporter = createExporter({ fs: createNodeFs(), dialogs, pdf: { render }, strings: () => en, documentsDir: dir });
  return { dir, dialogs, saveAnswers, exporter, render, win: new WindowState(3, 's3') };
}

describe('exporter', () => {
  it('writes text and bytes where the user chose', async () => {
    const { dir, exporter, saveAnswers, win, dialogs } = await setup();
    saveAnswers.push(join(dir, 'chart.svg'), join(dir, 'chart.png'));
    expect(await exporter.exportFile(win, { suggestedName: 'chart.svg', mime: 'image/svg+xml', data: '<svg/>' })).toBe(true);
    expect(await exporter.exportFile(win, { suggestedName: 'chart', mime: 'image/png', data: new Uint8Array([137, 80]) })).toBe(true);
    expect(await readFile(join(dir, 'chart.svg'), 'utf8')).toBe('<svg/>');
    expect([...(await readFile(join(dir, 'chart.png')))]).toEqual([137, 80]);
    expect(dialogs.showSave.mock.calls[1]![1]).toMatchObject({ defaultPath: join(dir, 'chart.png'), filters: [{ extensions: ['png'] }, {}] });
  });

  it('returns false and writes nothing when cancelled', async () => {
    const { dir, exporter, win } = await setup();
    expect(await exporter.exportFile(win, { suggestedName: 'x.csv', mime: 'text/csv', data: 'a,b' })).toBe(false);
    expect(await readdir(dir)).toEqual([]);
  });

  it('prints PDFs only after the user picked a place, and saves them atomically', async () => {
    const { dir, exporter, win, render, saveAnswers, dialogs } = await setup();
    expect(await exporter.exportPdf(win, '<h1>Report</h1>', 'report.html')).toBe(false);
    expect(render).not.toHaveBeenCalled();
    saveAnswers.push(join(dir, 'report.pdf'));
    expect(await exporter.exportPdf(win, '<h1>Report</h1>', 'report.html')).toBe(true);
    expect(render).toHaveBeenCalledWith('<h1>Report</h1>');
    expect(dialogs.showSave.mock.calls[1]![1].defaultPath).toBe(join(dir, 'report.pdf'));
    expect(await readFile(join(dir, 'report.pdf'), 'utf8')).toBe('%PDF-1.7 fake');
    expect(await readdir(dir)).toEqual(['report.pdf']);
  });

  it('leaves no file behind when printing fails', async () => {
    const { dir, exporter, win, saveAnswers } = await setup(vi.fn(async () => Promise.reject(new Error('print failed'))));
    saveAnswers.push(join(dir, 'report.pdf'));
    await expect(exporter.exportPdf(win, '<p/>', 'report')).rejects.toThrow('print failed');
    expect(await readdir(dir)).toEqual([]);
  });
});
