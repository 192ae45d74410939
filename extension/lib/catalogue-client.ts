// The content script's side of the catalogue search: send skill phrases, trust the reply only
// through its schema. (Kept apart from ./catalogue, which runs in the background with classic zod.)
import { browser } from 'wxt/browser';
import { MAX_SEARCH_SKILLS, MAX_SKILL_CHARS, searchCatalogueReplySchema, type SearchCatalogueMessage, type SearchCatalogueReply } from '../../shared/schemas/jobsites';

export async function requestCatalogueSearch(skills: string[]): Promise<SearchCatalogueReply> {
  const message: SearchCatalogueMessage = {
    type: 'search-catalogue',
    skills: skills.slice(0, MAX_SEARCH_SKILLS).map((skill) => skill.slice(0, MAX_SKILL_CHARS)),
  };
  try {
    const parsed = searchCatalogueReplySchema.safeParse(await browser.runtime.sendMessage(message));
    return parsed.success ? parsed.data : { ok: false, error: 'bad_response' };
  } catch {
    return { ok: false, error: 'unreachable' };
  }
}
