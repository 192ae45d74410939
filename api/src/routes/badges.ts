import { Hono } from 'hono';
import type { AppEnv } from '../http/env';

// Placeholder: filled in by its owner.
export const badgeClassRoutes = new Hono<AppEnv>();
