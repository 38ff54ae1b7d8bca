/**
 * Per-window document state kept by main: which file the window shows, whether it
 * has unsaved changes, and the opaque handles it has been given. The renderer only
 * ever sees handles; a handle minted for one window means nothing in another.
 */
import { randomBytes } from 'node:crypto';

/** Maps opaque tokens to absolute paths, one registry per window. */
export class HandleRegistry {
  private readonly byToken = new Map<string, string>();
  private readonly byPath = new Map<string, string>();

  constructor(private readonly mint: () => string = () => randomBytes(18).toString('base64url')) {}

  /** The token for `path`, minting one on first use (stable afterwards). */
  tokenFor(path: string): string {
    const existing = this.byPath.get(path);
    if (existing) return existing;
    const token = this.mint();
    this.byToken.set(token, path);
    this.byPath.set(path, token);
    return token;
  }

  /** The path behind `token`, or null for tokens this window was never given. */
  pathOf(token: string): string | null {
    return this.byToken.get(token) ?? null;
  }
}

/** Mutable state of one editor window. */
export class WindowState {
  readonly handles: HandleRegistry;
  /** File currently shown, as far as main knows (set on open and save). */
  documentPath: string | null = null;
  dirty = false;
  /** Display name the renderer reported with setDirty. */
  name = '';
  /** Whether a text field has focus (menu edit commands then act natively). */
  editableFocused = false;
  /** Set once closing has been confirmed, so the next close event passes. */
  closeApproved = false;
  /** True while the unsaved-changes prompt or a save-before-close is in progress. */
  closing = false;
  /** Keep the autosave when the window goes away (its renderer died with unsaved work). */
  keepAutosave = false;

  constructor(
    readonly id: number,
    /** Autosave slot id, unique per window and process run. */
    readonly slot: string,
    handles?: HandleRegistry,
  ) {
    this.handles = handles ?? new HandleRegistry();
  }
}
