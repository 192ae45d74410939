// The browser's permission prompt and content-script registration, in memory: fakeBrowser does
// not implement these two APIs.
import { fakeBrowser } from 'wxt/testing';

/** The permission prompt (the user answers `answer`) and the registered content scripts. */
export function fakePermissionsAndScripting(answer: { grant: boolean }) {
  const granted = new Set<string>();
  const asked: string[][] = [];
  let registered: { id: string; matches?: string[]; allFrames?: boolean }[] = [];
  Object.assign(fakeBrowser.permissions, {
    request: async ({ origins = [] }: { origins?: string[] }) => {
      asked.push(origins);
      if (answer.grant) for (const origin of origins) granted.add(origin);
      return answer.grant;
    },
    remove: async ({ origins = [] }: { origins?: string[] }) => {
      for (const origin of origins) granted.delete(origin);
      return true;
    },
    contains: async ({ origins = [] }: { origins?: string[] }) => origins.every((origin) => granted.has(origin)),
  });
  Object.assign(fakeBrowser.scripting, {
    getRegisteredContentScripts: async ({ ids }: { ids?: string[] } = {}) => registered.filter((script) => !ids || ids.includes(script.id)),
    unregisterContentScripts: async ({ ids }: { ids?: string[] } = {}) => {
      registered = registered.filter((script) => ids && !ids.includes(script.id));
    },
    registerContentScripts: async (scripts: typeof registered) => {
      registered.push(...scripts);
    },
  });
  return { granted, asked, registered: () => registered };
}
