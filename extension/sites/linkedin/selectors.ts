// Every LinkedIn selector the extension relies on, as data, most specific first.
// LinkedIn's markup differs between the member view, the public guest view, the
// /details/certifications/ page and the 2025–26 redesign (hashed class names), and changes
// often: the credential links are the anchor, class names are only hints.

export const linkedinSelectors = {
  /** Links to a credential ("Show credential" / "See credential"). */
  credentialLinks: [
    'a[aria-label^="Show credential"]',
    'a[data-tracking-control-name="public_profile_see-credential"]',
    'a[data-tracking-control-name$="see-credential"]',
    'a[id*="see-credential"]',
    'a[data-field="see_credential"]',
  ],
  /** Link texts that mark a credential link when no attribute does. */
  credentialLinkTexts: ['Show credential', 'See credential'],
  /** Section markers; the section is their closest <section> (text fallbacks apply inside). */
  certificationSectionAnchors: [
    '#licenses_and_certifications',
    'section[data-section="certifications"]',
    '[data-view-name="license-certifications-lockup-view"]',
    'section[componentkey*="Certifications"]',
  ],
  /** Elements that mark exactly one certification entry (the redesign's lockup). */
  entryMarkers: ['[data-view-name="license-certifications-lockup-view"]'],
  /** One certification entry, found by walking up from its credential link. */
  entries: ['li.pvs-list__paged-list-item', 'li.artdeco-list__item', 'li.profile-section-card', 'li.certifications__item'],
  /** The profile's name in the top card (member view h1, guest h1, redesign h2). */
  profileName: [
    'main .pv-top-card h1',
    'main section.artdeco-card h1.text-heading-xlarge',
    'h1.top-card-layout__title',
    'section[componentkey*="Topcard"] h2',
    '[data-view-name="profile-top-card"] h2',
    'main h1',
  ],
  /** Single-element forms of the top card and headings, to notice them arriving (no combinators). */
  headingHints: ['.pv-top-card', '.top-card-layout', 'section[componentkey*="Topcard"]', '[data-view-name="profile-top-card"]', 'h1', 'h2.pvs-header__title'],
  /** Where the summary pill goes when no name heading is shown (details page). */
  certificationsHeading: ['main h2.pvs-header__title', 'main section h2'],
  /** Page titles put the name between these separators ("Jane Doe | LinkedIn"). */
  titleNoise: ['LinkedIn', 'Licenses & certifications', 'Licenses & Certifications', 'Certifications'],
  /** LinkedIn's own dark theme: a class on <html> or <body>. */
  darkThemeClasses: ['theme--dark'],
  /** Links LinkedIn wraps to leave the site; an added one may be a credential link. */
  redirectLinks: ['a[href*="/redir/redirect"]'],
} as const;

export type LinkedinSelectors = typeof linkedinSelectors;
