import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportExtension, isScenarioPath, sanitizeFileName, withExtension, withScenarioExtension } from './fileNames';
import { pickTargetWindow, scenarioPathsFromArgv } from './openRequests';
import { HandleRegistry, WindowState } from './windowState';

describe('scenarioPathsFromArgv', () => {
  const cwd = resolve('/home/me/work');

  it('takes scenario files, resolved against the launching directory', () => {
    const argv = ['/opt/Headroom/headroom', 'plan.headroom.json', '/abs/Other.HEADROOM.JSON', '--flag', 'notes.txt'];
    expect(scenarioPathsFromArgv(argv, cwd)).toEqual([join(cwd, 'plan.headroom.json'), '/abs/Other.HEADROOM.JSON']);
  });

  it('ignores the development app path, macOS -psn flags and duplicates', () => {
    expect(scenarioPathsFromArgv(['electron', '.', '-psn_0_12345', 'a.headroom.json', './a.headroom.json'], cwd)).toEqual([
      join(cwd, 'a.headroom.json'),
    ]);
    expect(scenarioPathsFromArgv(['headroom'], cwd)).toEqual([]);
  });
});

describe('pickTargetWindow', () => {
  it('prefers the focused window when it is empty', () => {
    expect(pickTargetWindow([{ id: 1, pristine: true }, { id: 2, pristine: true }], 2)).toBe(2);
  });
  it('falls back to another empty window, else asks for a new one', () => {
    expect(pickTargetWindow([{ id: 1, pristine: true }, { id: 2, pristine: false }], 2)).toBe(1);
    expect(pickTargetWindow([{ id: 2, pristine: false }], 2)).toBeNull();
    expect(pickTargetWindow([], null)).toBeNull();
  });
});

describe('window state', () => {
  it('is pristine until it shows a file or has changes', () => {
    const win = new WindowState(1, 's');
    expect(win.pristine).toBe(true);
    win.dirty = true;
    expect(win.pristine).toBe(false);
    win.dirty = false;
    win.documentPath = '/x.headroom.json';
    expect(win.pristine).toBe(false);
  });

  it('mints stable, unguessable handles per path', () => {
    const handles = new HandleRegistry();
    const a = handles.tokenFor('/a');
    expect(handles.tokenFor('/a')).toBe(a);
    expect(handles.tokenFor('/b')).not.toBe(a);
    expect(a).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(handles.pathOf(a)).toBe('/a');
    expect(handles.pathOf('forged-token')).toBeNull();
  });
});

describe('file names', () => {
  it('sanitizes suggestions from the renderer', () => {
    expect(sanitizeFileName('a/b\\c:d*e?f"g<h>i|j')).toBe('a-b-c-d-e-f-g-h-i-j');
    expect(sanitizeFileName('  ..hidden  ')).toBe('hidden');
    expect(sanitizeFileName('tab\there\u0000')).toBe('tabhere');
    expect(sanitizeFileName('x'.repeat(500))).toHaveLength(200);
    expect(sanitizeFileName('秒杀活动')).toBe('秒杀活动');
  });

  it('adds the right extensions', () => {
    expect(withScenarioExtension('plan')).toBe('plan.headroom.json');
    expect(withScenarioExtension('plan.json')).toBe('plan.headroom.json');
    expect(withScenarioExtension('plan.Headroom.json')).toBe('plan.Headroom.json');
    expect(isScenarioPath('/a/B.HEADROOM.json')).toBe(true);
    expect(isScenarioPath('/a/b.json')).toBe(false);
    expect(exportExtension('chart.SVG', 'image/png')).toBe('svg');
    expect(exportExtension('chart', 'text/csv; charset=utf-8')).toBe('csv');
    expect(exportExtension('chart', 'application/x-unknown')).toBe('bin');
    expect(withExtension('report', 'pdf')).toBe('report.pdf');
    expect(withExtension('report.PDF', 'pdf')).toBe('report.PDF');
  });
});
