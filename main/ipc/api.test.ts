import { describe, expectTypeOf, it } from 'vitest';
import type { HostBridge } from '../../renderer/src/bridge/types';
import type { HeadroomApi } from './api';

describe('HeadroomApi', () => {
  it('is a pass-through of HostBridge: same names, same signatures', () => {
    type Shared = Exclude<keyof HostBridge, 'platform'>;
    expectTypeOf<Pick<HeadroomApi, Shared>>().toEqualTypeOf<Pick<HostBridge, Shared>>();
    // The renderer's electron bridge can be as thin as this:
    const bridgeFrom = (api: HeadroomApi): HostBridge => ({ ...api, platform: 'electron' });
    expectTypeOf(bridgeFrom).returns.toEqualTypeOf<HostBridge>();
  });

  it('adds only the close handshake', () => {
    expectTypeOf<Exclude<keyof HeadroomApi, keyof HostBridge>>().toEqualTypeOf<
      'onCloseRequest' | 'answerCloseRequest'
    >();
  });
});
