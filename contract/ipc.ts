/**
 * The IPC contract: for every channel, the zod schema of what the renderer may send
 * and of what main answers. register.ts validates both directions against it, so a
 * compromised or buggy renderer cannot reach a handler with a malformed payload, and
 * a handler bug cannot leak an unexpected shape back. The payload shapes mirror
 * contract/bridge.ts; the type assertions at the bottom keep them in step.
 */
import { z } from 'zod';
import {
  MENU_COMMANDS,
  type AutosaveEntry,
  type ExportRequest,
  type OpenedDocument,
  type RecentFile,
  type ReadOnlyFile,
  type SavedDocument,
  type SaveRequest,
  type UiLanguage,
} from './bridge';
import { EVENT, INVOKE, SEND, type EventChannel, type InvokeChannel, type SendChannel } from './channels';

/** Largest scenario text accepted over IPC (characters). */
export const MAX_DOCUMENT_CHARS = 64 * 1024 * 1024;
/** Largest export (SVG/HTML/CSV characters, or PNG bytes). */
export const MAX_EXPORT_SIZE = 256 * 1024 * 1024;

/** Opaque per-window file tokens minted by main (see services/handles.ts). */
export const handleSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const nameSchema = z.string().max(1024);
const textSchema = z.string().max(MAX_DOCUMENT_CHARS);
/** Close-handshake request ids minted by main. */
export const requestIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const menuCommandSchema = z.enum(MENU_COMMANDS);

/** The UI languages main has string tables for. */
export const uiLanguageSchema = z.enum(['en', 'zh-CN']);

export const openedDocumentSchema = z.object({ handle: handleSchema.nullable(), name: nameSchema, text: textSchema });
export const saveRequestSchema = z.strictObject({
  text: textSchema,
  handle: handleSchema.nullable(),
  saveAs: z.boolean(),
  suggestedName: nameSchema,
  overwriteReadOnly: z.boolean().optional(),
});
export const savedDocumentSchema = z.object({ handle: handleSchema.nullable(), name: nameSchema });
export const readOnlyFileSchema = z.object({ readOnly: z.literal(true), handle: handleSchema, name: nameSchema });
export const recentFileSchema = z.object({ handle: handleSchema, name: nameSchema });
export const autosaveEntrySchema = z.object({ text: textSchema, savedAt: z.string(), name: nameSchema });
export const exportRequestSchema = z.strictObject({
  suggestedName: nameSchema,
  mime: z.string().max(255),
  data: z.union([
    z.string().max(MAX_EXPORT_SIZE),
    z
      .custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected bytes')
      .refine((bytes) => bytes.byteLength <= MAX_EXPORT_SIZE, 'export too large'),
  ]),
});

/** Request (argument tuple) and response schemas of each invoke channel. */
export const invokeContract = {
  [INVOKE.open]: { req: z.tuple([]), res: openedDocumentSchema.nullable() },
  [INVOKE.openRecent]: { req: z.tuple([handleSchema]), res: openedDocumentSchema.nullable() },
  [INVOKE.listRecent]: { req: z.tuple([]), res: z.array(recentFileSchema) },
  [INVOKE.save]: { req: z.tuple([saveRequestSchema]), res: z.union([readOnlyFileSchema, savedDocumentSchema]).nullable() },
  [INVOKE.autosave]: { req: z.tuple([textSchema, nameSchema]), res: z.void() },
  [INVOKE.loadAutosave]: { req: z.tuple([]), res: autosaveEntrySchema.nullable() },
  [INVOKE.clearAutosave]: { req: z.tuple([]), res: z.void() },
  [INVOKE.getSystemLocale]: { req: z.tuple([]), res: z.string().max(64) },
  [INVOKE.exportFile]: { req: z.tuple([exportRequestSchema]), res: z.boolean() },
  [INVOKE.exportPdf]: { req: z.tuple([z.string().max(MAX_EXPORT_SIZE), nameSchema]), res: z.boolean() },
} satisfies Record<InvokeChannel, { req: z.ZodType<unknown[]>; res: z.ZodType }>;

/** Argument tuple schemas of each one-way channel. */
export const sendContract = {
  [SEND.setDirty]: z.tuple([z.boolean(), nameSchema]),
  [SEND.answerCloseRequest]: z.tuple([requestIdSchema, z.boolean()]),
  [SEND.editableFocus]: z.tuple([z.boolean()]),
  [SEND.setLanguage]: z.tuple([uiLanguageSchema]),
} satisfies Record<SendChannel, z.ZodType<unknown[]>>;

/** Payload schemas of each main → renderer event (validated before sending). */
export const eventContract = {
  [EVENT.menuCommand]: menuCommandSchema,
  [EVENT.openRequest]: openedDocumentSchema,
  [EVENT.closeRequest]: requestIdSchema,
} satisfies Record<EventChannel, z.ZodType>;

/** Arguments of an invoke channel. */
export type InvokeArgs<C extends InvokeChannel> = z.infer<(typeof invokeContract)[C]['req']>;
/** Result of an invoke channel. */
export type InvokeResult<C extends InvokeChannel> = z.infer<(typeof invokeContract)[C]['res']>;
/** Arguments of a one-way channel. */
export type SendArgs<C extends SendChannel> = z.infer<(typeof sendContract)[C]>;
/** Payload of an event channel. */
export type EventPayload<C extends EventChannel> = z.infer<(typeof eventContract)[C]>;

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;

/** Compile-time proof that the schemas describe exactly the bridge's payload types. */
export type ContractMatchesBridge = [
  Assert<Equal<z.infer<typeof openedDocumentSchema>, OpenedDocument>>,
  Assert<Equal<z.infer<typeof saveRequestSchema>, SaveRequest>>,
  Assert<Equal<z.infer<typeof savedDocumentSchema>, SavedDocument>>,
  Assert<Equal<z.infer<typeof readOnlyFileSchema>, ReadOnlyFile>>,
  Assert<Equal<z.infer<typeof recentFileSchema>, RecentFile>>,
  Assert<Equal<z.infer<typeof autosaveEntrySchema>, AutosaveEntry>>,
  Assert<Equal<z.infer<typeof exportRequestSchema>, ExportRequest>>,
  Assert<Equal<z.infer<typeof uiLanguageSchema>, UiLanguage>>,
];
