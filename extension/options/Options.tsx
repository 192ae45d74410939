// The options page: which BadgeLens server to use (permission asked at runtime, /health checked
// before saving), which sites get overlays, clearing the verification cache, and what is sent where.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { clearVerificationCacheReplySchema } from '../../shared/schemas/popup';
import { apiOrigin, DEFAULT_API_BASE_URL } from '../common/settings';
import { isSiteOn, type SiteSwitches } from '../common/site-switches';
import { apiBaseUrlItem, siteSwitchesItem } from '../common/storage';
import { setPageOn, setSiteOn } from './site-switches';
import { JOB_SITES } from '../sites/jobSites';

const healthSchema = z.object({ ok: z.literal(true) });

/** Whether a BadgeLens server answers at this origin's /health. */
export async function isBadgeLensServer(origin: string, fetchImpl: typeof fetch): Promise<boolean> {
  try {
    const response = await fetchImpl(new URL('/health', origin), { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(5_000) });
    return response.ok && healthSchema.safeParse(await response.json()).success;
  } catch {
    return false;
  }
}

export function Options({ fetch: fetchImpl = (input, init) => fetch(input, init) }: { fetch?: typeof fetch }) {
  return (
    <main class="options">
      <h1>BadgeLens options</h1>
      <ServerSection fetchImpl={fetchImpl} />
      <SitesSection />
      <CacheSection />
      <PrivacySection />
    </main>
  );
}

function ServerSection({ fetchImpl }: { fetchImpl: typeof fetch }) {
  const [saved, setSaved] = useState('');
  const [value, setValue] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void apiBaseUrlItem.getValue().then((url) => {
      setSaved(url);
      setValue(url);
    });
  }, []);

  function save(event: Event) {
    event.preventDefault();
    // From the form itself: a paste and a quick Enter can come before the next render.
    const typed = String(new FormData(event.currentTarget as HTMLFormElement).get('api') ?? value);
    const origin = apiOrigin(typed.trim());
    if (!origin) {
      setMessage('Enter an http:// or https:// address, like https://badges.example.org.');
      return;
    }
    // Asked first, with nothing awaited before: the browser only asks during the click.
    const granted = browser.permissions.request({ origins: [`${origin}/*`] }).catch(() => false);
    setBusy(true);
    setMessage(`Checking ${origin}…`);
    void (async () => {
      try {
        if (!(await granted)) return setMessage(`Not saved: BadgeLens needs your permission to reach ${origin}.`);
        if (!(await isBadgeLensServer(origin, fetchImpl)))
          return setMessage(`Not saved: no BadgeLens server answered at ${origin}/health. Check the address and that the server is running.`);
        await apiBaseUrlItem.setValue(origin);
        setSaved(origin);
        setValue(origin);
        setMessage(`Saved. BadgeLens now uses ${origin}.`);
      } finally {
        setBusy(false);
      }
    })();
  }

  return (
    <section aria-labelledby="server-heading">
      <h2 id="server-heading">BadgeLens server</h2>
      <p>Badges are checked with, and you sign in to, this server. Now: {saved || DEFAULT_API_BASE_URL}</p>
      <form onSubmit={save}>
        <label for="api">Server address</label>{' '}
        <input id="api" name="api" type="url" value={value} placeholder={DEFAULT_API_BASE_URL} onInput={(event) => setValue(event.currentTarget.value)} />{' '}
        <button type="submit" disabled={busy}>
          Save
        </button>
      </form>
      <p role="status" id="server-status">
        {message}
      </p>
    </section>
  );
}

function SitesSection() {
  const [switches, setSwitches] = useState<SiteSwitches | null>(null);
  const [message, setMessage] = useState('');

  useEffect(() => {
    void siteSwitchesItem.getValue().then(setSwitches);
    return siteSwitchesItem.watch((next) => setSwitches(next));
  }, []);

  function switchSite(siteId: string, label: string, on: boolean) {
    // setSiteOn asks for the site's permission: called straight from the click, nothing awaited first.
    void setSiteOn(siteId, on).then(async (done) => {
      setSwitches(await siteSwitchesItem.getValue());
      setMessage(done ? `${label} switched ${on ? 'on' : 'off'}.` : `${label} stays off: the permission was not given.`);
    });
  }

  function switchOriginOff(origin: string) {
    void setPageOn(origin, false).then(async () => {
      setSwitches(await siteSwitchesItem.getValue());
      setMessage(`${origin} switched off.`);
    });
  }

  return (
    <section aria-labelledby="sites-heading">
      <h2 id="sites-heading">Where BadgeLens shows badges</h2>
      <ul class="sites">
        <li>
          <label>
            <input type="checkbox" checked disabled /> LinkedIn profiles (always on: checking badges there is what BadgeLens is for)
          </label>
        </li>
        {switches &&
          JOB_SITES.map((site) => (
            <li key={site.id}>
              <label>
                <input type="checkbox" checked={isSiteOn(switches, site)} onChange={(event) => switchSite(site.id, site.label, event.currentTarget.checked)} />{' '}
                {site.label}
              </label>
            </li>
          ))}
      </ul>
      {switches && switches.origins.length > 0 && (
        <>
          <h3>Pages you switched on from the popup</h3>
          <ul>
            {switches.origins.map((origin) => (
              <li key={origin}>
                {origin}{' '}
                <button type="button" onClick={() => switchOriginOff(origin)}>
                  Switch off {origin}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <p role="status">{message}</p>
    </section>
  );
}

function CacheSection() {
  const [message, setMessage] = useState('');

  async function clear() {
    const reply = clearVerificationCacheReplySchema.safeParse(await browser.runtime.sendMessage({ type: 'clear-verification-cache' }).catch(() => undefined));
    setMessage(reply.success ? 'Cleared. Badges are checked again the next time you see them.' : 'Could not clear the cache: the extension’s background did not answer. Try again.');
  }

  return (
    <section aria-labelledby="cache-heading">
      <h2 id="cache-heading">Verification cache</h2>
      <p>Checked badges are remembered for a few minutes, so a profile you come back to shows at once.</p>
      <button type="button" onClick={clear}>
        Clear verification cache
      </button>
      <p role="status">{message}</p>
    </section>
  );
}

function PrivacySection() {
  return (
    <section aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">What BadgeLens sends, and where</h2>
      <p>Everything goes to the BadgeLens server above, and nowhere else.</p>
      <ul>
        <li>On LinkedIn profiles and the job sites switched on: the addresses of the badge links on the page, to check them.</li>
        <li>On job postings: the skill words found in the posting (like “GTAW” or “pipe welding”), to suggest matching badges.</li>
        <li>When you sign in from the popup: your email address and password, once. The server gives back a token that stays in this extension and is revoked when you sign out.</li>
      </ul>
      <p>
        Never sent: the text of the pages you visit, the names of the people whose profiles you view (the name check runs in your browser),
        or your browsing history.
      </p>
    </section>
  );
}
