/** @jsxImportSource hono/jsx */
import { raw } from 'hono/html';
import type { OutboxMail } from '../../db/mailQueue';
import { formatDate } from '../format';
import { EarnerPage } from './parts';

/** The http(s) links of a plain-text email, in order, without repeats (opened in this window, so sessions work). */
export function linksIn(text: string): string[] {
  return [...new Set(text.match(/https?:\/\/[^\s<>"']+/g) ?? [])];
}

/** Reloads the outbox when /dev/outbox/latest names a newer email than the page shows (its only script). */
export const OUTBOX_REFRESH_SCRIPT = `(function(){
var live=document.getElementById('outbox-live');
if(!live||!window.fetch)return;
var shown=live.getAttribute('data-latest-id');
setInterval(function(){
if(document.hidden)return;
fetch('/dev/outbox/latest',{cache:'no-store'}).then(function(r){return r.ok?r.json():null;}).then(function(body){
if(body&&String(body.latestId)!==shown)location.reload();
},function(){});
},3000);
})();`;

/** The demo's mailbox: every email the server "sent" while no SMTP server is configured. */
export function OutboxPage({ publicUrl, mails }: { publicUrl: string; mails: OutboxMail[] }) {
  return (
    <EarnerPage title="Outbox" publicUrl={publicUrl}>
      <h1>Outbox</h1>
      <p>
        No mail server is configured (<code>SMTP_URL</code> is not set), so BadgeLens keeps its emails here instead of sending them. Newest first;
        links in them work as they would in a real inbox.
      </p>
      <p id="outbox-live" class="muted" data-latest-id={String(mails[0]?.id ?? null)}>
        This page shows new emails by itself as they arrive.
      </p>
      <script>{raw(OUTBOX_REFRESH_SCRIPT)}</script>
      {mails.length === 0 && <p class="empty">No email yet. Issue a badge and it appears here within a few seconds.</p>}
      {mails.map((mail) => (
        <article class="mail" aria-labelledby={`mail-${mail.id}`}>
          <h2 id={`mail-${mail.id}`}>{mail.subject}</h2>
          <p class="muted">
            To {mail.to} · {formatDate(mail.createdAt)} {mail.createdAt.slice(11, 19)} UTC
          </p>
          <p>Links in this email:</p>
          <ul>
            {linksIn(mail.text).map((link) => (
              <li>
                <a href={link}>{link}</a>
              </li>
            ))}
          </ul>
          <details open={mail.id === mails[0]?.id}>
            <summary>HTML version</summary>
            {/* sandbox: the email's HTML runs no script and cannot touch this page. */}
            <iframe title={`HTML version of "${mail.subject}"`} sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc={mail.html} />
          </details>
          <details>
            <summary>Plain-text version</summary>
            <pre>{mail.text}</pre>
          </details>
        </article>
      ))}
    </EarnerPage>
  );
}
