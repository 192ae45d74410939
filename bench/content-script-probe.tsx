// Runs inside the benchmark page (bundled by bench/content-script.ts): the LinkedIn feature's
// own code for scanning, matching and rendering, timed step by step.
import { render } from 'preact';
import { BadgeOverlay } from '../extension/components/BadgeOverlay';
import { OVERLAY_CSS } from '../extension/components/styles';
import { checkedState, chipsFor } from '../extension/content/overlay-model';
import { isBadgeLensUrl } from '../extension/common/settings';
import { findCredentialEntries, findProfileName } from '../extension/sites/linkedin/page';
import type { VerifyResult } from '../shared/schemas/verify';
import messages from '../extension/public/_locales/en/messages.json';
import { formatMessage, type Message } from '../extension/test/messages';

// A web page has no browser.i18n: the page's `chrome` object (what wxt/browser picked) gets the English messages.
const pageChrome = (globalThis as unknown as { chrome: { i18n?: unknown } }).chrome;
pageChrome.i18n ??= {
  getMessage: (key: string, substitutions?: string | string[]) => formatMessage(messages as Record<string, Message>, key, substitutions),
  getUILanguage: () => navigator.language,
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(runs: number, work: () => void): number {
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    work();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

function fakeResult(url: string, index: number): VerifyResult {
  return {
    url,
    status: index % 5 === 0 ? 'revoked' : 'valid',
    checkedAt: new Date().toISOString(),
    badge: {
      assertionId: `a${index}`,
      pageUrl: url,
      name: `Certification number ${index}`,
      description: 'Benchmark badge',
      category: 'certification',
      imageUrl: `${url}/image`,
      issuer: { id: 'http://127.0.0.1/issuers/i', name: `Issuer ${index}`, url: 'https://issuer.example', imageUrl: null, domain: '127.0.0.1' },
      recipientName: index % 7 === 0 ? 'Daniel Whitford' : 'Amara N. Okafor',
      issuedOn: '2025-03-01T00:00:00Z',
      expires: null,
      revocationReason: index % 5 === 0 ? 'Issued in error' : null,
    },
  };
}

export function run(apiBaseUrl: string) {
  const scan = () => {
    const entries = findCredentialEntries(document).filter((entry) => isBadgeLensUrl(entry.credentialUrl, apiBaseUrl));
    return { entries, name: findProfileName(document) };
  };
  const { entries, name } = scan();
  const results = entries.map((entry, index) => fakeResult(entry.credentialUrl, index));
  const scanMs = time(30, scan);
  const matchMs = time(30, () => {
    for (const result of results) chipsFor(checkedState(result, name));
  });
  const renderMs = time(10, () => {
    const hosts = entries.map((entry, index) => {
      const host = document.createElement('badgelens-badge');
      const shadow = host.attachShadow({ mode: 'open' });
      const style = document.createElement('style');
      style.textContent = OVERLAY_CSS;
      const body = document.createElement('body');
      shadow.append(style, body);
      entry.link.after(host);
      render(<BadgeOverlay state={checkedState(results[index], name)} dark={false} onRetry={() => undefined} />, body);
      return host;
    });
    for (const host of hosts) host.remove();
  });
  return { entries: entries.length, profileName: name, scanMs, matchMs, renderMs };
}
