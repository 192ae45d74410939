/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import type { Alignment, Requirement } from '../../../shared/schemas/badges';
import { BADGE_CATEGORIES, type BadgeCategory } from '../../../shared/schemas/verify';
import type { BadgeClass } from '../db/badgeClasses';
import type { Issuer } from '../db/issuers';
import { publicUrls } from '../lib/urls';
import { CATEGORY_DESCRIPTIONS, CATEGORY_LABELS, REQUIREMENT_KIND_LABELS, formatDate, paragraphs, plural, safeHref, truncate } from './format';

/** A date people read ("12 March 2025", UTC) with the exact instant for machines. */
export function DateText({ iso }: { iso: string }) {
  return <time datetime={iso}>{formatDate(iso)}</time>;
}

/** Plain text split into paragraphs; single line breaks are kept by CSS. */
export function Prose({ text }: { text: string }) {
  return (
    <>
      {paragraphs(text).map((paragraph) => (
        <p class="prose">{paragraph}</p>
      ))}
    </>
  );
}

/** A link to somewhere outside BadgeLens; shows plain text when the URL is not http(s). */
export function OutsideLink({ href, children }: { href: string | null | undefined; children?: Child }) {
  const safe = safeHref(href);
  return safe ? (
    <a href={safe} rel="noopener nofollow">
      {children}
    </a>
  ) : (
    <span>{children}</span>
  );
}

/**
 * The ways to earn a badge, each with its link and provider; `completed` (for a logged-in earner) marks the
 * options they have completed.
 */
export function RequirementList({ requirements, completed }: { requirements: (Requirement & { id?: string })[]; completed?: ReadonlySet<string> }) {
  return (
    <ul class="requirements">
      {requirements.map((requirement) => (
        <li>
          <span class="kind">{REQUIREMENT_KIND_LABELS[requirement.kind] ?? REQUIREMENT_KIND_LABELS.other}:</span>{' '}
          <OutsideLink href={requirement.url}>{requirement.title}</OutsideLink>
          {requirement.provider && <span class="provider"> — {requirement.provider}</span>}
          {completed && requirement.id !== undefined && completed.has(requirement.id) && <strong class="completed"> ✓ You completed this</strong>}
        </li>
      ))}
    </ul>
  );
}

/** "Issued by" and the issuer's name, linked to its page on this server: the lead line of an issued badge's pages. */
export function IssuedBy({ issuer, publicUrl }: { issuer: { id: string; name: string }; publicUrl: string }) {
  return (
    <>
      Issued by <a href={publicUrls(publicUrl).issuer(issuer.id)}>{issuer.name}</a>
    </>
  );
}

/** The top of a badge's page: its image, its name and one line saying whose it is; `children` hold the facts. */
export function BadgeHero({ image, alt, name, lead, children }: { image: string; alt: string; name: string; lead: Child; children?: Child }) {
  return (
    <div class="hero">
      <div class="hero-image">
        <img src={image} alt={alt} width="240" height="240" />
      </div>
      <div class="hero-text">
        <h1>{name}</h1>
        <p class="lead">{lead}</p>
        {children}
      </div>
    </div>
  );
}

/** What a badge is about, on the pages of one held badge, with the way to its badge class's page. */
export function AboutBadge({ badgeClass, publicUrl }: { badgeClass: { id: string; name: string; description: string }; publicUrl: string }) {
  return (
    <section aria-labelledby="about">
      <h2 id="about">About this badge</h2>
      <Prose text={badgeClass.description} />
      <p>
        <a href={publicUrls(publicUrl).badgeClass(badgeClass.id)}>All details of the {badgeClass.name} badge</a>
      </p>
    </section>
  );
}

export function SkillTags({ skills }: { skills: string[] }) {
  return (
    <ul class="tags" aria-label="Skills">
      {skills.map((skill) => (
        <li class="tag">{skill}</li>
      ))}
    </ul>
  );
}

export function AlignmentList({ alignment }: { alignment: Alignment[] }) {
  return (
    <ul>
      {alignment.map((target) => (
        <li>
          <OutsideLink href={target.targetUrl}>{target.targetName}</OutsideLink>
          {(target.targetFramework || target.targetCode) && (
            <span class="muted">
              {' '}
              ({[target.targetFramework, target.targetCode].filter(Boolean).join(', ')})
            </span>
          )}
          {target.targetDescription && <p class="muted">{target.targetDescription}</p>}
        </li>
      ))}
    </ul>
  );
}

export function Heading({ level, id, class: className, children }: { level: 2 | 3 | 4; id?: string; class?: string; children?: Child }) {
  if (level === 2) return <h2 id={id} class={className}>{children}</h2>;
  if (level === 3) return <h3 id={id} class={className}>{children}</h3>;
  return <h4 id={id} class={className}>{children}</h4>;
}

export function BadgeCard({ badgeClass, issuer, publicUrl, level }: { badgeClass: BadgeClass; issuer?: Issuer; publicUrl: string; level: 3 | 4 }) {
  const urls = publicUrls(publicUrl);
  return (
    <li class="card">
      {/* The name next to it says what the image shows: decorative here. */}
      <img src={urls.badgeClassImage(badgeClass.id)} alt="" width="64" height="64" loading="lazy" />
      <div>
        <Heading level={level} class="card-title">
          <a href={urls.badgeClass(badgeClass.id)}>{badgeClass.name}</a>
        </Heading>
        {issuer && <p class="muted">by {issuer.name}</p>}
        <p>{truncate(badgeClass.description, 140)}</p>
      </div>
    </li>
  );
}

export function groupByCategory(badgeClasses: BadgeClass[]): [BadgeCategory, BadgeClass[]][] {
  return BADGE_CATEGORIES.map((category) => [category, badgeClasses.filter((b) => b.category === category)] as [BadgeCategory, BadgeClass[]]).filter(
    ([, items]) => items.length > 0,
  );
}

/** Badge classes under one heading per category (only categories that have any), with its description and count. */
export function CategorySections({
  badgeClasses,
  issuers,
  publicUrl,
  level,
}: {
  badgeClasses: BadgeClass[];
  issuers?: Map<string, Issuer>;
  publicUrl: string;
  level: 2 | 3;
}) {
  return (
    <>
      {groupByCategory(badgeClasses).map(([category, items]) => (
        <section aria-labelledby={`category-${category}`} class="category">
          <Heading level={level} id={`category-${category}`}>
            {CATEGORY_LABELS[category]} <span class="muted">({plural(items.length, 'badge')})</span>
          </Heading>
          <p class="category-description muted">{CATEGORY_DESCRIPTIONS[category]}</p>
          <ul class="cards">
            {items.map((badgeClass) => (
              <BadgeCard badgeClass={badgeClass} issuer={issuers?.get(badgeClass.issuerId)} publicUrl={publicUrl} level={level === 2 ? 3 : 4} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

/** Shared Open Graph and Twitter card tags; without an image, a plain summary card. */
export function SocialTags({
  title,
  description,
  url,
  image,
  imageAlt,
  large,
}: {
  title: string;
  description: string;
  url: string;
  image?: string;
  imageAlt: string;
  large?: { width: number; height: number };
}) {
  const largeImage = image && large;
  return (
    <>
      <link rel="canonical" href={url} />
      <meta property="og:site_name" content="BadgeLens" />
      <meta property="og:type" content="website" />
      <meta property="og:title" content={title} />
      <meta property="og:description" content={description} />
      <meta property="og:url" content={url} />
      {image && (
        <>
          <meta property="og:image" content={image} />
          {largeImage && <meta property="og:image:width" content={String(large.width)} />}
          {largeImage && <meta property="og:image:height" content={String(large.height)} />}
          <meta property="og:image:alt" content={imageAlt} />
        </>
      )}
      <meta name="twitter:card" content={largeImage ? 'summary_large_image' : 'summary'} />
      <meta name="twitter:title" content={title} />
      <meta name="twitter:description" content={description} />
      {image && <meta name="twitter:image" content={image} />}
      {image && <meta name="twitter:image:alt" content={imageAlt} />}
    </>
  );
}

const iconProps = { 'aria-hidden': 'true', focusable: 'false', viewBox: '0 0 24 24', width: '32', height: '32' } as const;

export function CheckIcon() {
  return (
    <svg {...iconProps}>
      <circle cx="12" cy="12" r="11" fill="currentColor" />
      <path d="M6.5 12.5l3.5 3.5 7.5-8" fill="none" stroke="var(--valid-background)" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}

export function ClockIcon() {
  return (
    <svg {...iconProps}>
      <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2.5" />
      <path d="M12 6.5V12l3.5 2.5" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" />
    </svg>
  );
}

export function LockIcon() {
  return (
    <svg {...iconProps}>
      <rect x="4.5" y="10.5" width="15" height="11" rx="2" fill="currentColor" />
      <path d="M8 10.5V7.5a4 4 0 0 1 8 0v3" fill="none" stroke="currentColor" stroke-width="2.5" />
    </svg>
  );
}

export function CrossIcon() {
  return (
    <svg {...iconProps}>
      <circle cx="12" cy="12" r="11" fill="currentColor" />
      <path d="M8 8l8 8M16 8l-8 8" fill="none" stroke="var(--revoked-background)" stroke-width="2.5" stroke-linecap="round" />
    </svg>
  );
}
