// What the popup needs from the rest of the extension, behind one interface: the background (by
// message, every reply validated), storage (last-known badges), tabs, the clipboard and the
// current tab's links. Components take an EarnerClient, so tests can run them in happy-dom.
import { browser } from 'wxt/browser';
import { z } from 'zod';
import {
  acceptReplySchema,
  badgesReplySchema,
  badgesSnapshotSchema,
  shareKitReplySchema,
  signInReplySchema,
  signOutReplySchema,
  type AcceptReply,
  type BadgesReply,
  type BadgesSnapshot,
  type EarnerMessage,
  type ShareKitReply,
  type SignInReply,
  type SignOutReply,
} from '../../shared/schemas/popup';
import { isProfileUrl, nameFromTitle } from '../sites/linkedin/page';
import { apiBaseUrlItem } from '../common/storage';
import { badgesSnapshotItem } from './storage';

/** The page in the current tab, when it is a LinkedIn profile: its address, every link on it, and its person's name. */
export interface ProfilePage {
  url: string;
  links: string[];
  name: string | null;
}

export interface EarnerClient {
  /** The badges as last fetched, straight from storage (no network). */
  lastKnown(): Promise<BadgesSnapshot | null>;
  refresh(): Promise<BadgesReply>;
  signIn(email: string, password: string): Promise<SignInReply>;
  signOut(): Promise<SignOutReply>;
  accept(id: string): Promise<AcceptReply>;
  shareKit(id: string): Promise<ShareKitReply>;
  apiBaseUrl(): Promise<string>;
  openTab(url: string): Promise<void>;
  /** Puts both flavours on the clipboard: HTML for mail programs, text for everything else. */
  copy(content: { html?: string; text: string }): Promise<void>;
  /** The LinkedIn profile in the current tab, or null when the tab is something else. */
  currentProfile(): Promise<ProfilePage | null>;
  openOptions(): Promise<void>;
}

async function ask<T>(message: EarnerMessage, schema: z.ZodType<T>, offline: T): Promise<T> {
  try {
    const parsed = schema.safeParse(await browser.runtime.sendMessage(message));
    return parsed.success ? parsed.data : offline;
  } catch {
    // No background answered (it failed to start): nothing here can be done over the network.
    return offline;
  }
}

/** What collectLinks() sends back from the page: validated like any page input. */
const profileScanSchema = z.object({ links: z.array(z.string().max(4000)).max(5000), title: z.string().max(1000) });

const BACKGROUND_DOWN = { ok: false as const, error: 'unreachable' as const };

// Runs inside the LinkedIn page (serialised by scripting.executeScript): it may use nothing from outside.
function collectLinks(): { links: string[]; title: string } {
  return { links: Array.from(document.querySelectorAll('a[href]'), (link) => (link as HTMLAnchorElement).href).slice(0, 5000), title: document.title };
}

export function createEarnerClient(): EarnerClient {
  return {
    async lastKnown() {
      const parsed = badgesSnapshotSchema.safeParse(await badgesSnapshotItem.getValue().catch(() => null));
      return parsed.success ? parsed.data : null;
    },
    refresh: () => ask({ type: 'earner-badges' }, badgesReplySchema, BACKGROUND_DOWN),
    signIn: (email, password) => ask({ type: 'earner-sign-in', email, password }, signInReplySchema, BACKGROUND_DOWN),
    signOut: () => ask({ type: 'earner-sign-out' }, signOutReplySchema, { ok: true, revoked: false }),
    accept: (id) => ask({ type: 'earner-accept', id }, acceptReplySchema, BACKGROUND_DOWN),
    shareKit: (id) => ask({ type: 'earner-share-kit', id }, shareKitReplySchema, BACKGROUND_DOWN),
    apiBaseUrl: () => apiBaseUrlItem.getValue(),
    async openTab(url) {
      await browser.tabs.create({ url });
    },
    async copy({ html, text }) {
      const items: Record<string, Blob> = { 'text/plain': new Blob([text], { type: 'text/plain' }) };
      if (html !== undefined) items['text/html'] = new Blob([html], { type: 'text/html' });
      await navigator.clipboard.write([new ClipboardItem(items)]);
    },
    async currentProfile() {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      if (!tab?.id || !tab.url) return null;
      let url: URL;
      try {
        url = new URL(tab.url);
      } catch {
        return null;
      }
      if (!isProfileUrl(url)) return null;
      // activeTab: opening the popup grants this one tab, for this once; no standing permission.
      const [result] = await browser.scripting.executeScript({ target: { tabId: tab.id }, func: collectLinks });
      const found = profileScanSchema.safeParse(result?.result);
      if (!found.success) return null;
      return { url: url.href, links: found.data.links, name: nameFromTitle(found.data.title) };
    },
    async openOptions() {
      await browser.runtime.openOptionsPage();
    },
  };
}
