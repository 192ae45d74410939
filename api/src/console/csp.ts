import { ASSETS_PATH } from '../http/assets';
import { cspHash } from '../pages/csp';
import { CONSOLE_SCRIPTS } from '../pages/console/scripts';

/**
 * The console's policy: the pages' own, plus its scripts (by hash) and fetch() to this origin (the job
 * page polls its status), and the analytics charts' files under /assets/. Badge images preview from
 * data: URIs the browser makes.
 */
export function consoleContentSecurityPolicy(publicUrl: string): string {
  const self = `'self' ${new URL(publicUrl).origin}`;
  const assets = `${new URL(publicUrl).origin}${ASSETS_PATH}`;
  return [
    "default-src 'none'",
    `img-src ${self} https: data: blob:`,
    `style-src ${assets}`,
    `script-src ${CONSOLE_SCRIPTS.map(cspHash).join(' ')} ${assets}`,
    `connect-src ${self}`,
    `form-action ${self}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
