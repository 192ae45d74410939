import { Hono } from 'hono';
import type { AppEnv } from '../http/env';

export const healthRoutes = new Hono<AppEnv>().get('/', (c) => {
  c.header('Cache-Control', 'no-store');
  return c.json({ ok: true as const });
});
