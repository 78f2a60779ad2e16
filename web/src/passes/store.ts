/** What the phone keeps for its entry pass (localStorage, per account): the device key and the credential. */

import type { KeyValueStore } from '../shell/i18n';

export interface StoredPass {
  account_id: number;
  /** Ed25519 secret key seed (32 bytes, base64url). Never leaves the phone. */
  secret_key: string;
  public_key: string;
  credential: string | null;
  pass_id: number | null;
  key_id: number | null;
  expires_at: number | null;
}

const keyFor = (accountId: number): string => `youhao.pass.${accountId}`;

function defaultStore(): KeyValueStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function loadPass(accountId: number, store: KeyValueStore | null = defaultStore()): StoredPass | null {
  try {
    const text = store?.getItem(keyFor(accountId));
    if (!text) return null;
    const parsed = JSON.parse(text) as StoredPass;
    return parsed && parsed.account_id === accountId && typeof parsed.secret_key === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

export function savePass(pass: StoredPass, store: KeyValueStore | null = defaultStore()): void {
  store?.setItem(keyFor(pass.account_id), JSON.stringify(pass));
}
