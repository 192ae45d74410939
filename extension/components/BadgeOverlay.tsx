// The overlay next to one certification entry: badge image, status chips, who vouches for the
// badge, and a details card that opens on hover, keyboard focus or click. Rendered by Preact
// inside a shadow root, so every page or API string reaches the DOM as text, never as markup.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { CheckedResult } from '../../shared/schemas/messages';
import { attributeLine, attributeValueLabel } from '../common/attributes';
import { t } from '../common/i18n';
import { categoryLabel, checkedByLabel, sourceLabel } from './labels';
import { chipsFor, formatShortDate, mayRetry, sourceLine, type OverlayState } from '../content/overlay-model';

export interface BadgeOverlayProps {
  state: OverlayState;
  imageDataUrl?: string;
  dark: boolean;
  onRetry: () => void;
}

export function BadgeOverlay({ state, imageDataUrl, dark, onRetry }: BadgeOverlayProps) {
  const chips = chipsFor(state);
  const result = state.kind === 'checked' ? state.result : undefined;
  const badge = result?.badge;
  const source = sourceLine(state);
  const attribute = badge ? attributeLine(badge.name, badge.attribute) : null;
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const [pinned, setPinned] = useState(false);
  const open = Boolean(badge) && (hovered || focused || pinned);
  const cardId = useId();
  const rootRef = useRef<HTMLSpanElement>(null);

  const close = () => {
    setHovered(false);
    setFocused(false);
    setPinned(false);
  };

  return (
    <span
      ref={rootRef}
      class="overlay"
      data-theme={dark ? 'dark' : 'light'}
      data-state={state.kind === 'checked' ? state.result.status : state.kind}
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocusIn={() => setFocused(true)}
      onFocusOut={(event: FocusEvent) => {
        if (!rootRef.current?.contains(event.relatedTarget as Node | null)) setFocused(false);
      }}
      onKeyDown={(event: KeyboardEvent) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          close();
        }
      }}
    >
      {imageDataUrl && badge ? <img class="badge-image" src={imageDataUrl} alt="" width={28} height={28} /> : null}
      {chips.map((chip, index) =>
        badge ? (
          <button
            type="button"
            class={`chip chip--${chip.tone}`}
            aria-expanded={open}
            aria-controls={open ? cardId : undefined}
            aria-label={t('overlayChipLabel', chip.detail ? t('overlayStatusWithDetail', chip.label, chip.detail) : chip.label, badge.name)}
            onClick={() => setPinned(!pinned)}
            key={index}
          >
            <ChipContent label={chip.label} detail={chip.detail} tone={chip.tone} />
          </button>
        ) : (
          <span class={`chip chip--${chip.tone}`} role="status" key={index}>
            <ChipContent label={chip.label} detail={chip.detail} tone={chip.tone} />
          </span>
        ),
      )}
      {mayRetry(state) ? (
        <button type="button" class="retry" onClick={onRetry} aria-label={t('overlayRetryLabel')}>
          {t('overlayRetry')}
        </button>
      ) : null}
      {attribute ? <span class="attribute">{attribute}</span> : null}
      {source ? <span class="source">{source}</span> : null}
      {/* Rendered only while open: 20 hidden cards would double the work of showing a profile's chips. */}
      {result && open ? (
        <BadgeCard id={cardId} result={result} anchor={rootRef} nameMismatch={state.kind === 'checked' && state.nameCheck === 'mismatch'} />
      ) : null}
    </span>
  );
}

const ICONS = { verified: '✓', warning: '!', danger: '✕', neutral: '•' } as const;

function ChipContent({ label, detail, tone }: { label: string; detail?: string; tone: keyof typeof ICONS }) {
  return (
    <>
      <span class="chip-icon" aria-hidden="true">
        {ICONS[tone]}
      </span>
      <span class="chip-label">{label}</span>
      {detail ? <span class="chip-detail">{detail}</span> : null}
    </>
  );
}

interface BadgeCardProps {
  id: string;
  /** A result with its badge. */
  result: CheckedResult;
  anchor: { current: HTMLElement | null };
  nameMismatch: boolean;
}

function BadgeCard({ id, result, anchor, nameMismatch }: BadgeCardProps) {
  const cardRef = useRef<HTMLDivElement>(null);
  const badge = result.badge!;

  // In the top layer (Popover API) the card cannot be clipped by LinkedIn's overflow:hidden cards.
  useEffect(() => {
    const card = cardRef.current;
    if (!card || typeof card.showPopover !== 'function') return;
    const place = () => {
      const rect = anchor.current?.getBoundingClientRect();
      if (!rect) return;
      card.style.top = `${Math.round(rect.bottom + 6)}px`;
      card.style.left = `${Math.round(Math.max(8, Math.min(rect.left, window.innerWidth - 328)))}px`;
    };
    place();
    if (!card.matches(':popover-open')) card.showPopover();
    // The card sits in the top layer: it follows its chip when the page scrolls.
    window.addEventListener('scroll', place, { capture: true, passive: true });
    return () => window.removeEventListener('scroll', place, { capture: true });
  }, []);

  const popover = typeof HTMLElement !== 'undefined' && 'showPopover' in HTMLElement.prototype;
  return (
    <div
      ref={cardRef}
      id={id}
      class="card"
      role="group"
      aria-label={t('overlayCardLabel', badge.name)}
      {...(popover ? { popover: 'manual' } : {})}
    >
      <p class="card-title">{badge.name}</p>
      {nameMismatch && badge.recipientName ? <p class="card-warning">{t('overlayMismatchExplained', badge.recipientName)}</p> : null}
      <dl>
        <dt>{t('overlayIssuer')}</dt>
        <dd>{badge.issuer.name}</dd>
        <dt>{t('overlayIssuerDomain')}</dt>
        <dd>{badge.issuer.domain ?? t('overlayNoDomain')}</dd>
        <dt>{t('overlayRecipient')}</dt>
        <dd>{badge.recipientName ?? t('overlayNoName')}</dd>
        <dt>{t('overlayIssued')}</dt>
        <dd>{formatShortDate(badge.issuedOn)}</dd>
        <dt>{t('overlayExpires')}</dt>
        <dd>{badge.expires ? formatShortDate(badge.expires) : t('overlayNever')}</dd>
        {badge.category ? (
          <>
            <dt>{t('overlayCategory')}</dt>
            <dd>{categoryLabel(badge.category)}</dd>
          </>
        ) : null}
        {badge.attribute && attributeValueLabel(badge.attribute) ? (
          <>
            <dt>{badge.attribute.label}</dt>
            <dd>{attributeValueLabel(badge.attribute)}</dd>
          </>
        ) : null}
        {badge.revocationReason ? (
          <>
            <dt>{t('overlayRevoked')}</dt>
            <dd>{badge.revocationReason}</dd>
          </>
        ) : null}
        {result.source ? (
          <>
            <dt>{t('overlayPlatform')}</dt>
            <dd>{sourceLabel(result.source)}</dd>
          </>
        ) : null}
      </dl>
      <p class="card-checked">{checkedByLabel(result.checkedBy)}</p>
      {badge.pageUrl ? (
        <a class="card-link" href={safeHttpUrl(badge.pageUrl)} target="_blank" rel="noopener noreferrer">
          {t('overlayOpenPage')}
        </a>
      ) : null}
    </div>
  );
}

/** Only http(s) links reach the page (the schema checks URLs, not their scheme). */
function safeHttpUrl(url: string | null): string | undefined {
  if (url === null) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
