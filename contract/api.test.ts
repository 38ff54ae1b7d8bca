import { describe, expect, it } from 'vitest';
import type { HostBridge } from './bridge';
import type { HeadroomApi } from './api';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

describe('HeadroomApi', () => {
  it('is HostBridge plus the close handshake, so the electron bridge is a pass-through', () => {
    const bridgeFrom = (api: HeadroomApi): HostBridge => ({ ...api, platform: 'electron' });
    const extra: Equal<Exclude<keyof HeadroomApi, keyof HostBridge>, 'onCloseRequest' | 'answerCloseRequest'> = true;
    const shared: Equal<Pick<HeadroomApi, 'saveDocument' | 'setLanguage'>, Pick<HostBridge, 'saveDocument' | 'setLanguage'>> = true;
    expect([typeof bridgeFrom, extra, shared]).toEqual(['function', true, true]);
  });
});
