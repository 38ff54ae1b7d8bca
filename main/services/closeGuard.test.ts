import { describe, expect, it, vi } from 'vitest';
import type { UnsavedChoice } from '../platform/ports';
import { CloseRequests, confirmClose, decideAfterPrompt, decideAfterSave, decideOnClose } from './closeGuard';

describe('dirty-close decisions', () => {
  const base = { approved: false, dirty: true, closing: false, rendererAlive: true };

  it('closes clean windows, approved closes and crashed renderers without asking', () => {
    expect(decideOnClose({ ...base, dirty: false })).toBe('close');
    expect(decideOnClose({ ...base, approved: true })).toBe('close');
    expect(decideOnClose({ ...base, rendererAlive: false })).toBe('close');
  });

  it('asks for dirty windows, once', () => {
    expect(decideOnClose(base)).toBe('prompt');
    expect(decideOnClose({ ...base, closing: true })).toBe('ignore');
  });

  it('maps the three answers', () => {
    expect(decideAfterPrompt('save')).toBe('save');
    expect(decideAfterPrompt('discard')).toBe('close');
    expect(decideAfterPrompt('cancel')).toBe('stay');
    expect(decideAfterSave(true)).toBe('close');
    expect(decideAfterSave(false)).toBe('stay');
  });

  it.each<[UnsavedChoice, boolean | null, boolean]>([
    ['save', true, true],
    ['save', false, false],
    ['discard', null, true],
    ['cancel', null, false],
  ])('confirmClose: %s then saved=%s → close=%s', async (choice, saved, expected) => {
    const requestSave = vi.fn(async () => saved ?? false);
    expect(await confirmClose({ ask: async () => choice, requestSave })).toBe(expected);
    expect(requestSave).toHaveBeenCalledTimes(saved === null ? 0 : 1);
  });
});

describe('CloseRequests', () => {
  it('resolves with the renderer’s answer for the right window only', async () => {
    let n = 0;
    const requests = new CloseRequests(() => `r${++n}`);
    const sent: string[] = [];
    const pending = requests.request(1, (id) => sent.push(id));
    expect(sent).toEqual(['r1']);
    expect(requests.answer(2, 'r1', true)).toBe(false);
    expect(requests.answer(1, 'nope', true)).toBe(false);
    expect(requests.answer(1, 'r1', true)).toBe(true);
    await expect(pending).resolves.toBe(true);
    expect(requests.answer(1, 'r1', false)).toBe(false);
    expect(requests.size).toBe(0);
  });

  it('treats a vanished renderer as not saved', async () => {
    const requests = new CloseRequests();
    const a = requests.request(1, () => undefined);
    const b = requests.request(2, () => undefined);
    requests.abandon(1);
    await expect(a).resolves.toBe(false);
    expect(requests.size).toBe(1);
    requests.abandon(2);
    await expect(b).resolves.toBe(false);
  });

  it('resolves as not saved when sending fails', async () => {
    const requests = new CloseRequests();
    await expect(
      requests.request(1, () => {
        throw new Error('destroyed');
      }),
    ).resolves.toBe(false);
  });
});
