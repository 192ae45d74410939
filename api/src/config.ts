import { resolve } from 'node:path';

export interface Config {
  port: number;
  publicUrl: string;
  databasePath: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const publicUrl = normalisePublicUrl(env.PUBLIC_URL ?? `http://localhost:${port}`);
  return { port, publicUrl, databasePath: resolve(env.DATABASE_PATH ?? './data/badgelens.db') };
}

/** The base every public id is built from: an http(s) origin plus optional path, without a trailing slash. */
export function normalisePublicUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`PUBLIC_URL must be an absolute http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`PUBLIC_URL must be http(s), got "${value}"`);
  return url.origin + url.pathname.replace(/\/+$/, '');
}
