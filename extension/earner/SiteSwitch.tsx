// The popup's "Switch BadgeLens on for this site", for the active tab's website: a known job site is
// switched as on the options page, any other website by its origin. Switching on asks the browser for
// that site's host permission (optional_host_permissions), from the click itself.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../common/i18n';
import { httpOrigin } from '../common/settings';
import { isPageOn, knownSiteFor } from '../common/site-switches';
import { siteSwitchesItem } from '../common/storage';
import { setPageOn } from '../options/site-switches';

export function SiteSwitch() {
  const [page, setPage] = useState<{ url: string; on: boolean } | null>(null);
  const [message, setMessage] = useState('');

  useEffect(() => {
    void (async () => {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true }).catch(() => []);
      if (!tab?.url || !httpOrigin(tab.url)) return;
      setPage({ url: tab.url, on: isPageOn(await siteSwitchesItem.getValue(), tab.url) });
    })();
  }, []);

  if (!page) return null;
  const { url, on } = page;
  const name = knownSiteFor(url)?.label ?? new URL(url).host;

  function toggle() {
    // Called straight from the click: the browser shows its permission prompt only during one.
    void setPageOn(url, !on).then((done) => {
      if (!done) return setMessage(t('popupSiteNoPermission', name));
      setPage({ url, on: !on });
      setMessage(on ? t('popupSiteSwitchedOff', name) : t('popupSiteSwitchedOn', name));
    });
  }

  return (
    <section class="site-switch" aria-label={t('popupSiteHeading')}>
      <button type="button" class="site-switch-button" aria-pressed={on} onClick={toggle}>
        {on ? t('popupSiteSwitchOff', name) : t('popupSiteSwitchOn')}
      </button>
      {message && (
        <p class="site-switch-message" role="status">
          {message}
        </p>
      )}
    </section>
  );
}
