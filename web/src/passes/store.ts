/**
 * What the phone keeps for its entry pass, per account: the device key and the credential, in
 * IndexedDB. The device key is a non-extractable WebCrypto key where the browser has Ed25519
 * there (device-key.ts), so the page's script can sign with it but not copy it. Older versions
 * kept a raw key in localStorage: the first load moves it into IndexedDB, imported as
 * non-extractable, and deletes it from localStorage.
 */

import { base64UrlDecode } from './bytes';
import { importDeviceSeed, isDeviceSecret, webCrypto, type DeviceSecret } from './device-key';
import { objectStore } from '../shell/idb';

export interface StoredPass {
  account_id: number;
  /** Signs the QR; never leaves the phone. */
  device: DeviceSecret;
  /** The device's Ed25519 public key (32 bytes, base64url), as named in the credential. */
  public_key: string;
  credential: string | null;
  pass_id: number | null;
  key_id: number | null;
  expires_at: number | null;
  /**
   * The digit code's secret (base64url, short-code.ts); null when the server issued none, absent
   * from passes kept before digit codes (the next pass brings it).
   */
  short_secret?: string | null;
}

/** Where passes are kept. `put` answers whether the pass will survive a reload. */
export interface PassStore {
  get(accountId: number): Promise<unknown>;
  put(pass: StoredPass): Promise<boolean>;
  /** Deletes every account's pass. */
  clear(): Promise<void>;
}

/** The localStorage of older versions, where `youhao.pass.<account>` held the raw key. */
export interface LegacyStore {
  getItem(key: string): string | null;
  removeItem(key: string): void;
}

const DB = 'youhao-passes';
const STORE = 'passes';
const legacyKeyFor = (accountId: number): string => `youhao.pass.${accountId}`;

/** A store that lives as long as the tab (no IndexedDB, or storage refused; and the unit tests). */
export function memoryPassStore(): PassStore {
  const passes = new Map<number, StoredPass>();
  return {
    get: async (accountId) => passes.get(accountId) ?? null,
    put: async (pass) => {
      passes.set(pass.account_id, pass);
      return false;
    },
    clear: async () => passes.clear(),
  };
}

const withStore = objectStore(DB, STORE, 'account_id');

function indexedPassStore(): PassStore {
  return {
    get: async (accountId) => (await withStore('readonly', (s) => s.get(accountId) as IDBRequest<unknown>)) ?? null,
    put: async (pass) => {
      await withStore('readwrite', (s) => s.put(pass));
      return true;
    },
    clear: async () => {
      await withStore('readwrite', (s) => s.clear());
    },
  };
}

let chosen: PassStore | null = null;

/** IndexedDB when the browser has it, else memory (the pass then lives as long as the tab). */
export function passStore(): PassStore {
  if (chosen) return chosen;
  const memory = memoryPassStore();
  const idb = typeof indexedDB !== 'undefined' ? indexedPassStore() : null;
  if (!idb) return (chosen = memory);
  let broken = false;
  const pick = async <T>(fn: (s: PassStore) => Promise<T>): Promise<T> => {
    if (!broken) {
      try {
        return await fn(idb);
      } catch {
        broken = true; // storage refused (private mode, quota)
      }
    }
    return fn(memory);
  };
  chosen = { get: (id) => pick((s) => s.get(id)), put: (pass) => pick((s) => s.put(pass)), clear: () => pick((s) => s.clear()) };
  return chosen;
}

function legacyStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function asStoredPass(value: unknown, accountId: number): StoredPass | null {
  if (!value || typeof value !== 'object') return null;
  const pass = value as Partial<StoredPass>;
  return pass.account_id === accountId && isDeviceSecret(pass.device) && typeof pass.public_key === 'string' ? (pass as StoredPass) : null;
}

/** The pass an older version kept in localStorage, its key imported; null when unusable. */
async function fromLegacy(text: string, accountId: number, subtle: SubtleCrypto | null): Promise<StoredPass | null> {
  try {
    const old = JSON.parse(text) as { account_id?: unknown; secret_key?: unknown; public_key?: unknown; credential?: unknown; pass_id?: unknown; key_id?: unknown; expires_at?: unknown };
    if (old?.account_id !== accountId || typeof old.secret_key !== 'string' || typeof old.public_key !== 'string') return null;
    const device = await importDeviceSeed(base64UrlDecode(old.secret_key), base64UrlDecode(old.public_key), subtle);
    if (!device) return null;
    const numberOrNull = (x: unknown): number | null => (typeof x === 'number' ? x : null);
    return {
      account_id: accountId,
      device,
      public_key: old.public_key,
      credential: typeof old.credential === 'string' ? old.credential : null,
      pass_id: numberOrNull(old.pass_id),
      key_id: numberOrNull(old.key_id),
      expires_at: numberOrNull(old.expires_at),
    };
  } catch {
    return null;
  }
}

function forgetLegacy(legacy: LegacyStore | null, accountId: number): void {
  try {
    legacy?.removeItem(legacyKeyFor(accountId));
  } catch {
    // Storage refused: nothing more to do.
  }
}

/**
 * The account's pass on this phone, or null. A pass an older version left in localStorage is
 * moved into the store first; the localStorage copy is deleted once the store keeps the pass
 * across reloads (until then it stays, so the pass keeps working offline).
 */
export async function loadPass(
  accountId: number,
  store: PassStore = passStore(),
  legacy: LegacyStore | null = legacyStorage(),
  subtle: SubtleCrypto | null = webCrypto(),
): Promise<StoredPass | null> {
  const kept = asStoredPass(await store.get(accountId).catch(() => null), accountId);
  let legacyText: string | null = null;
  try {
    legacyText = legacy?.getItem(legacyKeyFor(accountId)) ?? null;
  } catch {
    // Storage refused: there is no old copy to move.
  }
  if (kept) {
    // Moved before, and the old copy outlived the move.
    if (legacyText !== null) forgetLegacy(legacy, accountId);
    return kept;
  }
  if (legacyText === null) return null;
  const moved = await fromLegacy(legacyText, accountId, subtle);
  if (!moved) {
    forgetLegacy(legacy, accountId); // unreadable: a new pass is issued when online
    return null;
  }
  try {
    if (await store.put(moved)) forgetLegacy(legacy, accountId);
  } catch {
    // Not kept: the old copy stays until a later load can move it.
  }
  return moved;
}

/** Keeps the pass; false when it will not survive a reload (no IndexedDB). */
export async function savePass(pass: StoredPass, store: PassStore = passStore()): Promise<boolean> {
  return store.put(pass);
}

/** Deletes every pass kept on this phone, old localStorage copies included (an erased account). */
export async function forgetAllPasses(store: PassStore = passStore(), legacy: Storage | null = legacyStorage()): Promise<void> {
  await store.clear();
  try {
    for (const key of Object.keys(legacy ?? {})) if (key.startsWith('youhao.pass.')) legacy?.removeItem(key);
  } catch {
    // Storage refused: nothing was kept there.
  }
}
