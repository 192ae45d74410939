// Badge images as data: URLs (the background fetches them from the API), remembered for the life
// of the content script: LinkedIn moves between profiles without page loads, and coming back to
// one shows its images without asking again.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { requestBadgeImage } from './messaging';

const MAX_REMEMBERED = 200;

export interface PageBadgeImages {
  /** The image's data: URL when it is already here (a chip then shows with it at once). */
  loaded(imageUrl: string): string | undefined;
  /** The image's data: URL, or undefined when it could not be had (the chip shows without it). */
  load(imageUrl: string): Promise<string | undefined>;
}

const byScript = new WeakMap<ContentScriptContext, PageBadgeImages>();

/** The content script's images, shared by its features and kept across SPA navigations. */
export function pageBadgeImages(ctx: ContentScriptContext): PageBadgeImages {
  let images = byScript.get(ctx);
  if (!images) {
    images = createPageBadgeImages();
    byScript.set(ctx, images);
  }
  return images;
}

function createPageBadgeImages(): PageBadgeImages {
  const requests = new Map<string, Promise<string | undefined>>();
  const loaded = new Map<string, string>();
  return {
    loaded: (imageUrl) => loaded.get(imageUrl),
    load(imageUrl) {
      let image = requests.get(imageUrl);
      if (!image) {
        if (requests.size >= MAX_REMEMBERED) {
          requests.clear();
          loaded.clear();
        }
        image = requestBadgeImage(imageUrl).then((reply) => {
          if (!reply.ok) {
            requests.delete(imageUrl); // asked again next time (the background remembers the API's refusals)
            return undefined;
          }
          loaded.set(imageUrl, reply.dataUrl);
          return reply.dataUrl;
        });
        requests.set(imageUrl, image);
      }
      return image;
    },
  };
}
