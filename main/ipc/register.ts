/**
 * The one place IPC enters main. Every channel of the contract is registered here,
 * and every message passes the same gate: the sender must be the main frame of one of
 * our windows showing an app URL, the arguments must match the channel's schema, and
 * (for invoke) the handler's answer must match the response schema. Rejected messages
 * never reach a handler.
 */
import type { z } from 'zod';
import type { IpcEventLike, IpcMainLike, LoggerPort } from '../platform/ports';
import { INVOKE, SEND, type InvokeChannel, type SendChannel } from '../../contract/channels';
import { invokeContract, sendContract, type InvokeArgs, type InvokeResult, type SendArgs } from '../../contract/ipc';

/** Handlers for every invoke channel; `ctx` identifies the calling window. */
export type InvokeHandlers<Ctx> = {
  [C in InvokeChannel]: (ctx: Ctx, ...args: InvokeArgs<C>) => InvokeResult<C> | Promise<InvokeResult<C>>;
};

/** Handlers for every one-way channel. */
export type SendHandlers<Ctx> = {
  [C in SendChannel]: (ctx: Ctx, ...args: SendArgs<C>) => void;
};

/** Dependencies of {@link registerIpc}. */
export interface RegisterIpcOptions<Ctx> {
  ipcMain: IpcMainLike;
  /** True for URLs of our app (see window/origins.ts). */
  isAppUrl(url: string): boolean;
  /** Maps the sender to its window's context; null for web contents we did not create. */
  resolveContext(event: IpcEventLike): Ctx | null;
  invoke: InvokeHandlers<Ctx>;
  send: SendHandlers<Ctx>;
  logger: LoggerPort;
}

/** Thrown (and so rejected in the renderer) when a message fails the gate. */
export class IpcRejectedError extends Error {
  override readonly name = 'IpcRejectedError';
}

/** Why a sender is refused, or null when it is acceptable. */
export function senderProblem(event: IpcEventLike, isAppUrl: (url: string) => boolean): string | null {
  const frame = event.senderFrame;
  if (!frame) return 'sender frame is gone';
  if (frame.parent !== null) return 'sender is not the main frame';
  if (!isAppUrl(frame.url)) return 'sender origin is not the app';
  return null;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(args)'}: ${issue.message}`)
    .join('; ');
}

/** Registers every channel of the contract on `ipcMain`. Call once at startup. */
export function registerIpc<Ctx>(options: RegisterIpcOptions<Ctx>): void {
  const { ipcMain, logger } = options;

  const admit = (channel: string, event: IpcEventLike): Ctx => {
    const problem = senderProblem(event, options.isAppUrl);
    if (problem) throw new IpcRejectedError(`${channel}: ${problem}`);
    const ctx = options.resolveContext(event);
    if (ctx === null) throw new IpcRejectedError(`${channel}: sender is not a Headroom window`);
    return ctx;
  };

  for (const channel of Object.values(INVOKE)) {
    const { req, res } = invokeContract[channel];
    const handler = options.invoke[channel] as (ctx: Ctx, ...args: unknown[]) => unknown;
    ipcMain.handle(channel, async (event, ...args) => {
      let ctx: Ctx;
      let parsed: unknown[];
      try {
        ctx = admit(channel, event);
        const result = req.safeParse(args);
        if (!result.success) throw new IpcRejectedError(`${channel}: bad request: ${describeIssues(result.error)}`);
        parsed = result.data;
      } catch (error) {
        logger.warn(`ipc rejected`, error);
        throw error;
      }
      const answer = await handler(ctx, ...parsed);
      const checked = res.safeParse(answer);
      if (!checked.success) {
        logger.error(`${channel}: handler answered outside the contract`, describeIssues(checked.error));
        throw new Error(`${channel}: internal error`);
      }
      return checked.data;
    });
  }

  for (const channel of Object.values(SEND)) {
    const schema = sendContract[channel];
    const handler = options.send[channel] as (ctx: Ctx, ...args: unknown[]) => void;
    ipcMain.on(channel, (event, ...args) => {
      let ctx: Ctx;
      let parsed: unknown[];
      try {
        ctx = admit(channel, event);
        const result = schema.safeParse(args);
        if (!result.success) throw new IpcRejectedError(`${channel}: bad message: ${describeIssues(result.error)}`);
        parsed = result.data;
      } catch (error) {
        // One-way messages have nobody to reject to; log and drop.
        logger.warn('ipc message dropped', error);
        return;
      }
      try {
        handler(ctx, ...parsed);
      } catch (error) {
        logger.error(`${channel}: handler failed`, error);
      }
    });
  }
}
