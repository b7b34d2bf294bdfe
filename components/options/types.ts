// What the options page works with: the background's answers, and the few browser abilities the entrypoint hands
// in (permission prompts, open tabs, downloads), so every section stays a plain component.
import type { ManagedKey } from '../../core/managed';
import type { Actor } from '../../core/schemas';
import type { Identity, Settings } from '../../core/settings';
import type { AdapterHealthRecord } from '../../core/store/settings-store';
import type { Send } from '../messaging';

/** `settings.get`. */
export interface SettingsAnswer {
  readonly settings: Settings;
  readonly locked: readonly ManagedKey[];
  readonly health: readonly AdapterHealthRecord[];
}

/** `whoami`. */
export interface WhoAmIAnswer {
  readonly actor: Actor;
  readonly identity: Identity | null;
  readonly locked: readonly ManagedKey[];
}

export interface OptionsData extends SettingsAnswer {
  readonly actor: Actor;
}

export interface OpenTab {
  readonly id: number;
  readonly title: string;
  /** Null when the browser does not tell us (no host permission for that tab). */
  readonly url: string | null;
}

export interface OptionsPorts {
  readonly send: Send;
  /** Change notices from the background; returns an unsubscribe function. */
  readonly subscribe: (listener: (message: unknown) => void) => () => void;
  /**
   * Asks the browser for host permissions. Call it synchronously inside a click or submit handler: browsers
   * grant the prompt only during a user gesture.
   */
  readonly requestOrigins: (origins: string[]) => Promise<boolean>;
  readonly openTabs: () => Promise<OpenTab[]>;
  /** Saves a file made of these parts, in order (a large backup never becomes one string in the page). */
  readonly download: (filename: string, parts: readonly string[]) => void;
  readonly now?: () => Date;
  /** Tests only: smaller parts for uploading a backup (BACKUP_PART_CHARS otherwise). */
  readonly backupPartChars?: number;
}

export type SaveOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly message: string; readonly issues?: ReadonlyArray<{ readonly path: string; readonly message: string }> };
