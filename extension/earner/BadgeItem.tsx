// One badge in the popup: image, name, issuer, date and state, with its one-click actions.
// The share kit (tracked links, signature, downloads) is fetched from the background only when
// the earner opens the badge's share panel.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MeBadge } from '../../shared/schemas/earners';
import type { ShareResponse } from '../../shared/schemas/sharing';
import { linkedInAddToProfileUrl } from '../../shared/links';
import { badgeAltText, SIGNATURE_IMAGE_SIZES, type SignatureSize } from '../../shared/snippets';
import { attributeValueLabel } from '../common/attributes';
import { t } from '../common/i18n';
import type { EarnerClient } from './client';
import { badgeState, failureText, isShareable, issuedLabel, platformName, toShareable, type FailureText } from './model';

interface BadgeItemProps {
  badge: MeBadge;
  client: EarnerClient;
  apiBaseUrl: string;
  onChanged: (badge: MeBadge) => void;
}

type Kit = { kind: 'closed' } | { kind: 'loading' } | { kind: 'ready'; kit: ShareResponse } | { kind: 'failed'; failure: FailureText };

export function BadgeItem({ badge, client, apiBaseUrl, onChanged }: BadgeItemProps) {
  const [problem, setProblem] = useState<FailureText | null>(null);
  const [accepting, setAccepting] = useState(false);
  const [kit, setKit] = useState<Kit>({ kind: 'closed' });
  // The Accept button goes away once accepted: focus moves to the badge's first action instead.
  const [justAccepted, setJustAccepted] = useState(false);
  const firstAction = useRef<HTMLButtonElement>(null);
  const state = badgeState(badge);
  const attributeValue = attributeValueLabel(badge.attribute);

  useEffect(() => {
    if (justAccepted) firstAction.current?.focus();
  }, [justAccepted, badge.claimState]);
  const nameId = `badge-name-${badge.id}`;

  async function accept() {
    setAccepting(true);
    setProblem(null);
    const reply = await client.accept(badge.id);
    setAccepting(false);
    if (reply.ok) {
      setJustAccepted(true);
      onChanged(reply.badge);
    } else setProblem(failureText(reply.error, apiBaseUrl, reply.message));
  }

  async function toggleShare() {
    if (kit.kind !== 'closed') return setKit({ kind: 'closed' });
    setKit({ kind: 'loading' });
    const reply = await client.shareKit(badge.id);
    setKit(reply.ok ? { kind: 'ready', kit: reply.kit } : { kind: 'failed', failure: failureText(reply.error, apiBaseUrl, reply.message) });
  }

  return (
    <li class="badge" aria-labelledby={nameId}>
      <div class="badge-main">
        <img class="badge-image" src={badge.imageUrl} alt="" width={48} height={48} />
        <div class="badge-text">
          <h3 id={nameId} class="badge-name">
            {badge.name}
          </h3>
          <p class="badge-issuer">
            {badge.issuer.name}
            {badge.source?.imported && <span class="badge-source" data-platform={badge.source.platform}>{` · ${t('badgeImportedFrom', platformName(badge.source.platform))}`}</span>}
          </p>
          <p class="badge-date">{issuedLabel(badge)}</p>
          {attributeValue && (
            <p class="badge-attribute">{badge.attribute!.kind === 'volunteer' ? attributeValue : `${badge.attribute!.label}: ${attributeValue}`}</p>
          )}
        </div>
        <span class={`state state-${state.tone}`}>{state.label}</span>
      </div>
      {badge.claimState === 'pending' && badge.status !== 'revoked' && (
        <div class="row">
          <button type="button" onClick={accept} disabled={accepting} aria-describedby={nameId}>
            {accepting ? t('badgeAccepting') : t('badgeAccept')}
          </button>
        </div>
      )}
      {isShareable(badge) && (
        <div class="row actions">
          <button type="button" ref={firstAction} onClick={() => void client.openTab(linkedInAddToProfileUrl(toShareable(badge)))} aria-describedby={nameId}>
            {t('badgeAddToLinkedIn')}
          </button>
          <button type="button" class="secondary" aria-expanded={kit.kind !== 'closed'} aria-controls={`share-${badge.id}`} onClick={toggleShare}>
            {t('badgeShareToggle')}
          </button>
        </div>
      )}
      {badge.status === 'self_claimed' && <p class="muted small self-claim-note">{t('badgeSelfClaimedNoLinkedIn')}</p>}
      {badge.claimState === 'accepted' && badge.status !== 'revoked' && !badge.isPublic && (
        <p class="muted small">
          {t('badgePrivate')}{' '}
          <a href={`${apiBaseUrl.replace(/\/+$/, '')}/portfolio`} target="_blank" rel="noreferrer">
            {t('badgeMakePublic')}
          </a>{' '}
          {t('badgeMakePublicAfter')}
        </p>
      )}
      {problem && (
        <p class="problem" role="alert">
          <strong>{problem.title}</strong> {problem.advice}
        </p>
      )}
      {kit.kind !== 'closed' && (
        <div id={`share-${badge.id}`} class="share-panel">
          {kit.kind === 'loading' && <p role="status">{t('shareLoading')}</p>}
          {kit.kind === 'failed' && (
            <p class="problem" role="alert">
              <strong>{kit.failure.title}</strong> {kit.failure.advice}
            </p>
          )}
          {kit.kind === 'ready' && <SharePanel badge={badge} kit={kit.kit} client={client} />}
        </div>
      )}
    </li>
  );
}

function SharePanel({ badge, kit, client }: { badge: MeBadge; kit: ShareResponse; client: EarnerClient }) {
  const [size, setSize] = useState<SignatureSize>('small');
  const [copied, setCopied] = useState('');

  async function copy(what: 'link' | 'signature', content: { html?: string; text: string }) {
    try {
      await client.copy(content);
      setCopied(what === 'link' ? t('copiedLink') : t('copiedSignature'));
    } catch {
      setCopied(what === 'link' ? t('copyFailedLink') : t('copyFailedSignature'));
    }
  }

  const edge = SIGNATURE_IMAGE_SIZES[size];
  const open = (url: string) => () => void client.openTab(url);
  // An imported badge has none of these files here: its issuer bakes and signs it, not this server.
  const downloads = [
    { href: kit.downloads.bakedPng, label: t('downloadBakedPng') },
    { href: kit.downloads.bakedSvg, label: t('downloadBakedSvg') },
    { href: kit.downloads.credential, label: t('downloadCredential') },
    { href: kit.downloads.certificatePdf, label: t('downloadCertificate') },
  ].filter((download): download is { href: string; label: string } => download.href !== null);

  return (
    <>
      <h4>{t('shareHeading')}</h4>
      <div class="row wrap">
        <button type="button" class="secondary" onClick={open(kit.links.linkedin)}>
          {t('shareLinkedIn')}
        </button>
        <button type="button" class="secondary" onClick={open(kit.links.x)}>
          {t('shareX')}
        </button>
        <button type="button" class="secondary" onClick={open(kit.links.facebook)}>
          {t('shareFacebook')}
        </button>
        <button type="button" class="secondary" onClick={open(kit.links.email)}>
          {t('shareEmail')}
        </button>
        <button type="button" class="secondary" onClick={() => void copy('link', { text: kit.badgeUrl })}>
          {t('shareCopyLink')}
        </button>
      </div>

      <h4>{t('signatureHeading')}</h4>
      <fieldset class="sizes">
        <legend>{t('signatureSize')}</legend>
        {(['small', 'large'] as const).map((choice) => (
          <label key={choice}>
            <input type="radio" name={`size-${badge.id}`} value={choice} checked={size === choice} onChange={() => setSize(choice)} />{' '}
            {choice === 'small' ? t('signatureSmall', SIGNATURE_IMAGE_SIZES.small) : t('signatureLarge', SIGNATURE_IMAGE_SIZES.large)}
          </label>
        ))}
      </fieldset>
      {/* Built from the badge's own fields, never from the API's HTML: what the pasted signature shows. */}
      <div class="signature-preview" aria-label={t('signaturePreview')}>
        <img src={badge.imageUrl} alt={badgeAltText(toShareable(badge))} width={edge} height={edge} />
        <span>
          <strong>{badge.name}</strong>
          <br />
          {badge.issuer.name}
        </span>
      </div>
      <button type="button" onClick={() => void copy('signature', kit.signature[size])}>
        {t('signatureCopy')}
      </button>

      {downloads.length > 0 && (
        <>
          <h4>{t('downloadHeading')}</h4>
          <ul class="downloads">
            {downloads.map((download) => (
              <li>
                <a href={download.href} target="_blank" rel="noreferrer" download>
                  {download.label}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      <p class="muted" role="status">
        {copied}
      </p>
    </>
  );
}
