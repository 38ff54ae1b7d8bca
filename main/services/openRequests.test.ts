import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportExtension, isScenarioPath, sanitizeFileName, withExtension, withScenarioExtension } from './fileNames';
import { pickTargetWindow, scenarioPathsFromArgv } from './openRequests';
import { HandleRegistry } from './windowState';

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
  const w = (id: number, dirty: boolean, hasDocument: boolean) => ({ id, dirty, hasDocument });

  it('reuses the focused window when nothing in it is unsaved', () => {
    expect(pickTargetWindow([w(1, false, false), w(2, false, true)], 2)).toBe(2);
  });

  it('never replaces unsaved work or a background document', () => {
    expect(pickTargetWindow([w(1, false, false), w(2, true, true)], 2)).toBe(1);
    expect(pickTargetWindow([w(1, false, true), w(2, true, false)], 2)).toBeNull();
    expect(pickTargetWindow([w(1, false, true)], null)).toBeNull();
    expect(pickTargetWindow([], null)).toBeNull();
  });
});

describe('window state', () => {
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
