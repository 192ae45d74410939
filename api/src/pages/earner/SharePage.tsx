/** @jsxImportSource hono/jsx */
import { raw } from 'hono/html';
import type { Account } from '../../db/accounts';
import type { ShareResponse } from '../../../../shared/schemas/sharing';
import { EarnerPage } from './parts';

/**
 * Copies the text of the element a button names; with data-rich, as formatted text too, so an email
 * program pastes the signature as it looks. The page's only script (allowed by hash, see csp.ts).
 */
export const COPY_SNIPPET_SCRIPT = `(function(){
var status=document.getElementById('copy-status');
document.querySelectorAll('button[data-copy]').forEach(function(button){
button.hidden=false;
button.addEventListener('click',function(){
var source=document.getElementById(button.getAttribute('data-copy'));
if(!source||!navigator.clipboard)return;
var text=source.value;
var done=function(){status.textContent='Copied.';};
var failed=function(){status.textContent='Could not copy: select the text and copy it yourself.';};
if(button.hasAttribute('data-rich')&&window.ClipboardItem){
var plain=document.getElementById(button.getAttribute('data-plain'));
navigator.clipboard.write([new ClipboardItem({'text/html':new Blob([text],{type:'text/html'}),'text/plain':new Blob([plain?plain.value:text],{type:'text/plain'})})]).then(done,failed);
}else{navigator.clipboard.writeText(text).then(done,failed);}
});
});
})();`;

function Snippet({ id, label, value, copy, rich, plainId }: { id: string; label: string; value: string; copy: string; rich?: boolean; plainId?: string }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <textarea id={id} rows={4} readonly spellcheck={false}>
        {value}
      </textarea>
      {/* Hidden until the script runs: without it, people select and copy the text themselves. */}
      <button type="button" class="button secondary" data-copy={id} data-rich={rich ? '' : undefined} data-plain={plainId} hidden>
        {copy}
      </button>
    </div>
  );
}

const CHANNELS: { key: keyof ShareResponse['links']; label: string }[] = [
  { key: 'linkedinProfile', label: 'Add to LinkedIn profile' },
  { key: 'linkedin', label: 'Post on LinkedIn' },
  { key: 'x', label: 'Post on X' },
  { key: 'facebook', label: 'Share on Facebook' },
  { key: 'email', label: 'Send by email' },
];

/** Everything the popup offers for one badge, on the web: share links, email signature, résumé line, files. */
export function SharePage({ publicUrl, csrf, account, badgeName, kit }: { publicUrl: string; csrf: string; account: Account; badgeName: string; kit: ShareResponse }) {
  const downloads = [
    { href: kit.downloads.bakedPng, label: 'Badge image with its data inside (PNG)' },
    { href: kit.downloads.bakedSvg, label: 'Badge image with its data inside (SVG)' },
    { href: kit.downloads.credential, label: 'Signed credential (Open Badges 3.0)' },
    { href: kit.downloads.certificatePdf, label: 'Certificate (PDF)' },
  ].filter((download): download is { href: string; label: string } => download.href !== null);
  return (
    <EarnerPage title={`Share ${badgeName}`} publicUrl={publicUrl} signedInAs={account} csrf={csrf}>
      <h1>Share your {badgeName} badge</h1>
      <p class="lead">
        Its page: <a href={kit.badgeUrl}>{kit.badgeUrl}</a>
      </p>
      <section aria-labelledby="share-links">
        <h2 id="share-links">Share it</h2>
        <ul class="share-links">
          {CHANNELS.map((channel) => (
            <li>
              <a href={kit.links[channel.key]} rel="noopener">
                {channel.label}
              </a>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="signature">
        <h2 id="signature">Email signature</h2>
        <Snippet id="signature-html" label="Signature (HTML)" value={kit.signature.small.html} copy="Copy as formatted text" rich plainId="signature-text" />
        <Snippet id="signature-text" label="Signature (plain text)" value={kit.signature.small.text} copy="Copy plain text" />
      </section>
      <section aria-labelledby="resume">
        <h2 id="resume">Résumé</h2>
        <Snippet id="resume-markdown" label="Résumé line" value={kit.resume.markdown} copy="Copy the line" />
        <Snippet id="resume-html" label="Résumé card (HTML)" value={kit.resume.html} copy="Copy as formatted text" rich plainId="resume-markdown" />
      </section>
      <p id="copy-status" role="status" aria-live="polite" />
      {downloads.length > 0 && (
        <section aria-labelledby="downloads">
          <h2 id="downloads">Files</h2>
          <ul>
            {downloads.map((download) => (
              <li>
                <a href={download.href} download>
                  {download.label}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <script>{raw(COPY_SNIPPET_SCRIPT)}</script>
    </EarnerPage>
  );
}
