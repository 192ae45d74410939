/** The console's page URLs (absolute when `base` is the public URL, as in emails). */
export function consoleUrls(base: string) {
  return {
    home: () => `${base}/console`,
    invitation: (token: string) => `${base}/console/invitations/${token}`,
    issuer: (issuerId: string) => `${base}/console/${issuerId}`,
    analytics: () => `${base}/console/analytics`,
  };
}
