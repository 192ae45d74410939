/** The earner pages' URLs, from the public base (links in emails must be absolute). */
export function earnerUrls(base: string) {
  return {
    login: (next?: string) => `${base}/login${next ? `?next=${encodeURIComponent(next)}` : ''}`,
    register: () => `${base}/register`,
    claim: (token: string) => `${base}/claim/${token}`,
    activate: (token: string) => `${base}/activate/${token}`,
    resetRequest: () => `${base}/reset`,
    reset: (token: string) => `${base}/reset/${token}`,
    portfolio: () => `${base}/portfolio`,
    profile: () => `${base}/profile`,
    verifyEmail: (token: string) => `${base}/profile/emails/verify/${token}`,
    membershipLink: (token: string) => `${base}/profile/memberships/link/${token}`,
    deleteAccount: () => `${base}/account/delete`,
    outbox: () => `${base}/dev/outbox`,
  };
}
