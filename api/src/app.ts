import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { RATE_LIMITS } from './earners/rateLimit';
import { limitBodies } from './http/bodyLimit';
import { errorAnswer } from './http/errors';
import { headContentLength } from './http/headResponses';
import { createSafeFetch } from './fetch';
import { createForeignVerifier } from './verify/foreign';
import { databaseResultCache } from './verify/resultCache';
import type { AppDeps, AppEnv } from './http/env';
import { securityHeaders } from './http/securityHeaders';
import { pageContentSecurityPolicy } from './pages/csp';
import { analyticsApiRoutes } from './analytics/apiRoutes';
import { analyticsAssets } from './analytics/assets';
import { assertionRoutes } from './assertions/routes';
import { assertionsApiRoutes } from './assertions/apiRoutes';
import { badgeClassRoutes } from './catalogue/badgeRoutes';
import { badgesApiRoutes } from './catalogue/badgesApiRoutes';
import { bulkIssuingRoutes } from './bulk/routes';
import { catalogueRoutes } from './catalogue/routes';
import { certificateRoutes } from './sharing/certificateRoutes';
import { docsRoutes } from './site/docsRoutes';
import { apiReferenceAssets } from './site/apiReference';
import { assetRoutes } from './http/assets';
import { pageStylesheets } from './pages/stylesheets';
import { healthRoutes } from './site/healthRoutes';
import { issuerApiRoutes } from './issuers/apiRoutes';
import { issuerRoutes } from './issuers/routes';
import { jobsRoutes } from './bulk/jobRoutes';
import { requirementsApiRoutes } from './earning/requirementsApiRoutes';
import { skillsApiRoutes } from './skills/apiRoutes';
import { shareRoutes } from './sharing/routes';
import { shareApiRoutes } from './sharing/apiRoutes';
import { countBadgePageViews } from './sharing/views';
import { createBadgeEventCounter } from './sharing/badgeEventCounter';
import { verifyRoutes } from './verify/routes';
import { relayRoutes } from './verify/relay';
import { accountRoutes } from './earners/accountRoutes';
import { authRoutes } from './earners/authRoutes';
import { earnersIssuerApiRoutes } from './issuers/earnersApiRoutes';
import { meRoutes } from './earners/meRoutes';
import { outboxRoutes } from './mail/outboxRoutes';
import { importedRoutes } from './imports/routes';
import { portfolioRoutes } from './earners/portfolioRoutes';
import { accountDeletionRoutes, membershipPageRoutes, profileRoutes } from './earners/profileRoutes';
import { siteRoutes } from './site/routes';
import { credentialRoutes } from './credentials/routes';
import { extensionRoutes } from './openbadges/extensionRoutes';
import { issuerKeysApiRoutes } from './issuers/keysApiRoutes';
import { membersApiRoutes } from './issuers/membersApiRoutes';
import { ephemeralKeyEncryptionKey } from './ob3/signing';
import { consoleRoutes } from './console/routes';
import { matchApiRoutes, optInsApiRoutes, organisationsApiRoutes } from './matching/routes';
import { matchingPageRoutes } from './matching/pages';

export function createApp(deps: AppDeps) {
  const safeFetch = deps.safeFetch ?? createSafeFetch();
  const resolved: Required<AppDeps> = {
    now: () => new Date(),
    trustProxy: 0,
    devOutbox: false,
    rateLimits: RATE_LIMITS,
    onBulkJobQueued: () => {},
    ...deps,
    issueCredentials: deps.issueCredentials ?? true,
    keyEncryptionKey: deps.keyEncryptionKey ?? ephemeralKeyEncryptionKey(deps.db),
    safeFetch,
    foreignVerifier: deps.foreignVerifier ?? createForeignVerifier({ safeFetch, cache: databaseResultCache(deps.db) }),
    badgeEvents: deps.badgeEvents ?? createBadgeEventCounter(deps.db),
  };
  const app = new Hono<AppEnv>()
    .use(async (c, next) => {
      c.set('deps', resolved);
      await next();
    })
    .use(securityHeaders({ contentSecurityPolicy: pageContentSecurityPolicy(resolved.publicUrl) }))
    .use(headContentLength)
    .use(limitBodies())
    .route('/health', healthRoutes)
    .route('/assets', assetRoutes([pageStylesheets, analyticsAssets, apiReferenceAssets]))
    .route('/api/v1/issuer/keys', issuerKeysApiRoutes) // before /api/v1/issuer, whose middleware covers its subpaths
    .route('/api/v1/issuer/members', membersApiRoutes)
    .route('/api/v1/issuer', issuerApiRoutes)
    .route('/api/v1/badges', badgesApiRoutes)
    .route('/api/v1/badges', bulkIssuingRoutes)
    .route('/api/v1/jobs', jobsRoutes)
    .route('/api/v1/analytics', analyticsApiRoutes)
    .route('/api/v1/requirements', requirementsApiRoutes)
    .route('/api/v1/skills', skillsApiRoutes)
    .route('/api/v1', shareApiRoutes) // before /api/v1/assertions: its share route takes earner tokens, not issuer keys
    .route('/api/v1/assertions', assertionsApiRoutes)
    .route('/api/v1/verify', verifyRoutes)
    .route('/api/v1/relay', relayRoutes)
    .route('/issuers', issuerRoutes)
    .route('/credentials', credentialRoutes)
    .route('/extensions', extensionRoutes)
    .route('/badges', badgeClassRoutes)
    .use('/assertions/:id', countBadgePageViews)
    .route('/assertions', certificateRoutes) // before assertionRoutes so /:id/certificate.pdf wins
    .route('/assertions', assertionRoutes)
    .route('/api/v1/auth', authRoutes)
    .route('/api/v1/me/opt-ins', optInsApiRoutes)
    .route('/api/v1/me', meRoutes)
    .route('/api/v1/organisations', organisationsApiRoutes)
    .route('/api/v1/match', matchApiRoutes)
    .route('/api/v1', earnersIssuerApiRoutes)
    .route('/imported', importedRoutes)
    .route('/portfolio', portfolioRoutes)
    .route('/profile/memberships', membershipPageRoutes)
    .route('/profile', profileRoutes)
    .route('/account', accountDeletionRoutes)
    .route('/console', consoleRoutes)
    .route('/dev', outboxRoutes)
    .route('/', accountRoutes)
    .route('/s', shareRoutes)
    .route('/', docsRoutes)
    .route('/', matchingPageRoutes)
    .route('/', siteRoutes)
    .route('/', catalogueRoutes);

  app.notFound((c) =>
    errorAnswer(c, 404, 'not_found', `Nothing at ${c.req.method} ${c.req.path}.`, {
      pageMessage: 'There is no page at this address. The link may be mistyped, or the page may have moved.',
    }),
  );
  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      const status = error.status;
      if (status >= 500) console.error(error);
      return errorAnswer(c, status as 400, status === 400 ? 'bad_request' : 'http_error', error.message || 'Request failed.');
    }
    console.error(error);
    return errorAnswer(c, 500 as 400, 'internal', 'Something went wrong on our side. Please try again.');
  });
  return app;
}

export type AppType = ReturnType<typeof createApp>;
