// The options page: which BadgeLens server to use (permission asked at runtime, /health checked
// before saving), which sites get overlays, clearing the verification cache, and what is sent where.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { clearVerificationCacheReplySchema } from '../../shared/schemas/popup';
import { t } from '../common/i18n';
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
      <h1>{t('optionsTitle')}</h1>
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
      setMessage(t('optionsServerInvalid'));
      return;
    }
    // Asked first, with nothing awaited before: the browser only asks during the click.
    const granted = browser.permissions.request({ origins: [`${origin}/*`] }).catch(() => false);
    setBusy(true);
    setMessage(t('optionsServerChecking', origin));
    void (async () => {
      try {
        if (!(await granted)) return setMessage(t('optionsServerNoPermission', origin));
        if (!(await isBadgeLensServer(origin, fetchImpl)))
          return setMessage(t('optionsServerNotBadgeLens', origin));
        await apiBaseUrlItem.setValue(origin);
        setSaved(origin);
        setValue(origin);
        setMessage(t('optionsServerSaved', origin));
      } finally {
        setBusy(false);
      }
    })();
  }

  return (
    <section aria-labelledby="server-heading">
      <h2 id="server-heading">{t('optionsServerHeading')}</h2>
      <p>{t('optionsServerNow', saved || DEFAULT_API_BASE_URL)}</p>
      <form onSubmit={save}>
        <label for="api">{t('optionsServerLabel')}</label>{' '}
        <input id="api" name="api" type="url" value={value} placeholder={DEFAULT_API_BASE_URL} onInput={(event) => setValue(event.currentTarget.value)} />{' '}
        <button type="submit" disabled={busy}>
          {t('optionsSave')}
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
      setMessage(done ? (on ? t('optionsSiteOn', label) : t('optionsSiteOff', label)) : t('optionsSiteStaysOff', label));
    });
  }

  function switchOriginOff(origin: string) {
    void setPageOn(origin, false).then(async () => {
      setSwitches(await siteSwitchesItem.getValue());
      setMessage(t('optionsSiteOff', origin));
    });
  }

  return (
    <section aria-labelledby="sites-heading">
      <h2 id="sites-heading">{t('optionsSitesHeading')}</h2>
      <ul class="sites">
        <li>
          <label>
            <input type="checkbox" checked disabled /> {t('optionsLinkedInAlwaysOn')}
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
          <h3>{t('optionsPagesHeading')}</h3>
          <ul>
            {switches.origins.map((origin) => (
              <li key={origin}>
                {origin}{' '}
                <button type="button" onClick={() => switchOriginOff(origin)}>
                  {t('optionsSwitchOff', origin)}
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
    setMessage(reply.success ? t('optionsCacheCleared') : t('optionsCacheFailed'));
  }

  return (
    <section aria-labelledby="cache-heading">
      <h2 id="cache-heading">{t('optionsCacheHeading')}</h2>
      <p>{t('optionsCacheText')}</p>
      <button type="button" onClick={clear}>
        {t('optionsCacheClear')}
      </button>
      <p role="status">{message}</p>
    </section>
  );
}

function PrivacySection() {
  return (
    <section aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">{t('optionsPrivacyHeading')}</h2>
      <p>{t('optionsPrivacyWhere')}</p>
      <ul>
        <li>{t('optionsPrivacyLinks')}</li>
        <li>{t('optionsPrivacySkills')}</li>
        <li>{t('optionsPrivacySignIn')}</li>
      </ul>
      <p>{t('optionsPrivacyNever')}</p>
    </section>
  );
}
