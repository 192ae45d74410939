// Public pages rendered once per version of what they show. The key is a digest of the page's whole input
// (its props): a field added to the page reaches it through its props and changes the key by itself, so
// no write anywhere has to remember to clear this cache, and every node serves what the database holds.
import { createHash } from 'node:crypto';

export interface RenderedPage {
  html: string;
  /** A strong ETag (quoted), from the input that rendered the page. */
  etag: string;
}

export class RenderedPages<Props> {
  readonly #pages = new Map<string, RenderedPage>();
  /** How many times a page was rendered (tests read it). */
  renders = 0;

  constructor(
    private readonly render: (props: Props) => string | Promise<string>,
    readonly maxPages: number,
  ) {}

  /** The page for these props: kept (least recently used goes first), or rendered now. */
  async get(props: Props): Promise<RenderedPage> {
    const key = createHash('sha256').update(JSON.stringify(props)).digest('base64url').slice(0, 32);
    const kept = this.#pages.get(key);
    if (kept) {
      this.#pages.delete(key);
      this.#pages.set(key, kept);
      return kept;
    }
    this.renders++;
    const page = { html: await this.render(props), etag: `"p-${key}"` };
    this.#pages.set(key, page);
    if (this.#pages.size > this.maxPages) this.#pages.delete(this.#pages.keys().next().value!);
    return page;
  }
}
