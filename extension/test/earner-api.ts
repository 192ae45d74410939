// The real API (in-memory SQLite with the demo data) behind the real background earner module,
// wired to WXT's fakeBrowser: the popup's messages go through the same code as in the browser.
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { createApp } from '../../api/src/app';
import { createAccount, findAccountByPrimaryEmail, settleFailedLogin } from '../../api/src/db/accounts';
import { openDb } from '../../api/src/db/connection';
import { DEMO_EARNER_EMAIL, DEMO_EARNER_PASSWORD } from '../../api/src/earners/demoAccounts';
import { hashPassword } from '../../api/src/earners/passwords';
import { seedDemo } from '../../api/src/seed/demo';
import { createEarnerMessageListener, createEarnerService } from '../background/earner';
import { badgesSnapshotItem, earnerSessionItem } from '../earner/storage';
import { apiBaseUrlItem } from '../common/storage';

export const API = 'https://badges.example';
export { DEMO_EARNER_EMAIL, DEMO_EARNER_PASSWORD };

export async function startEarnerApi() {
  fakeBrowser.reset();
  const db = await openDb(':memory:');
  const app = createApp({ db, publicUrl: API });
  await seedDemo(db, { publicUrl: API });
  await apiBaseUrlItem.setValue(API);

  const requests: string[] = [];
  let down = false;
  let held: Promise<void> | null = null;
  let release = () => {};

  const fetchApi = (async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
    if (held) await held;
    if (down) throw new TypeError('Failed to fetch');
    return app.request(String(input), init);
  }) as typeof fetch;

  const service = createEarnerService({
    fetch: fetchApi,
    apiBaseUrl: () => apiBaseUrlItem.getValue(),
    session: earnerSessionItem,
    snapshot: badgesSnapshotItem,
  });
  fakeBrowser.runtime.onMessage.addListener(createEarnerMessageListener(service, browser.runtime.getURL('/')));

  return {
    app,
    db,
    service,
    requests,
    setDown(value: boolean) {
      down = value;
    },
    /** Holds every API call until release() is called: the popup must paint without it. */
    hold() {
      held = new Promise((resolve) => {
        release = () => {
          held = null;
          resolve();
        };
      });
    },
    release: () => release(),
    async signInDemo() {
      const reply = await service.signIn(DEMO_EARNER_EMAIL, DEMO_EARNER_PASSWORD);
      if (!reply.ok) throw new Error(`demo sign-in failed: ${reply.error}`);
    },
    async lock(email: string) {
      const account = await findAccountByPrimaryEmail(db, email);
      if (!account) throw new Error(`no account ${email}`);
      await settleFailedLogin(db, account.id, 1);
    },
    async createEarner(email: string, password: string) {
      await createAccount(db, { firstName: 'Nadia', lastName: 'New', email, passwordHash: await hashPassword(password), verified: true });
    },
    async apiBadges(token: string) {
      const response = await app.request(`${API}/api/v1/me/badges`, { headers: { authorization: `Bearer ${token}` } });
      return ((await response.json()) as { items: { id: string; name: string; claimState: string }[] }).items;
    },
  };
}

export type EarnerApi = Awaited<ReturnType<typeof startEarnerApi>>;
