const builders = new Map<string, ReturnType<typeof buildPublicUrls>>();

/** Every public URL, built from the configured base. Public ids never change meaning (DESIGN.md §3). */
export function publicUrls(base: string): ReturnType<typeof buildPublicUrls> {
  // One set of builders per base (a server has one): hot routes ask for them per badge.
  let urls = builders.get(base);
  if (!urls) {
    urls = buildPublicUrls(base);
    if (builders.size >= 64) builders.clear();
    builders.set(base, urls);
  }
  return urls;
}

function buildPublicUrls(base: string) {
  return {
    home: () => `${base}/`,
    terms: () => `${base}/terms`,
    privacy: () => `${base}/privacy`,
    favicon: () => `${base}/favicon.svg`,
    catalogue: () => `${base}/catalogue`,
    issuer: (id: string) => `${base}/issuers/${id}`,
    issuerJson: (id: string) => `${base}/issuers/${id}.json`,
    issuerImage: (id: string) => `${base}/issuers/${id}/image`,
    revocations: (issuerId: string) => `${base}/issuers/${issuerId}/revocations`,
    badgeClass: (id: string) => `${base}/badges/${id}`,
    badgeClassJson: (id: string) => `${base}/badges/${id}.json`,
    badgeClassImage: (id: string) => `${base}/badges/${id}/image`,
    assertion: (id: string) => `${base}/assertions/${id}`,
    /** Always the Open Badges JSON-LD, whatever the Accept header (the "JSON link" on pages). */
    assertionJson: (id: string) => `${base}/assertions/${id}.json`,
    assertionImage: (id: string) => `${base}/assertions/${id}/image`,
    /** The badge image as PNG: for email, signatures and résumés, where SVG does not render. */
    assertionImagePng: (id: string) => `${base}/assertions/${id}/image.png`,
    assertionOgImage: (id: string) => `${base}/assertions/${id}/og.png`,
    bakedPng: (id: string) => `${base}/assertions/${id}/baked.png`,
    bakedSvg: (id: string) => `${base}/assertions/${id}/baked.svg`,
    /** An Open Badges 2.0 extension published by this server (its context.json and schema.json). */
    extension: (name: string) => `${base}/extensions/${name}`,
    openapi: () => `${base}/openapi.json`,
    apiDocs: () => `${base}/docs`,
    apiDocsPlain: () => `${base}/docs/plain`,
  };
}

export type PublicUrls = ReturnType<typeof publicUrls>;
