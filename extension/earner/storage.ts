// The earner's state in extension storage. The token item is read and written only by the
// background (extension/background/earner.ts); pages read the badge snapshot to paint at once.
import { storage } from 'wxt/utils/storage';
import type { BadgesSnapshot } from '../../shared/schemas/popup';

export interface EarnerSession {
  token: string;
  expiresAt: string;
  email: string;
  /** The server that issued the token: another server never sees it. */
  apiBaseUrl: string;
}

export const earnerSessionItem = storage.defineItem<EarnerSession | null>('local:earnerSession', { fallback: null });

/** Last-known badges of the signed-in earner (validated again whenever read). */
export const badgesSnapshotItem = storage.defineItem<BadgesSnapshot | null>('local:earnerBadges', { fallback: null });
