import { zValidator } from '@hono/zod-validator';
import type { Context, ValidationTargets } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { ErrorPage } from '../pages/ErrorPage';
import { prefersHtml } from './negotiate';
import { withField } from './issueMessages';

export interface ErrorIssue {
  path: string;
  message: string;
}

export interface ErrorBody {
  error: { code: string; message: string; issues?: ErrorIssue[] };
}

export function errorBody(code: string, message: string, issues?: ErrorIssue[]): ErrorBody {
  return { error: issues ? { code, message, issues } : { code, message } };
}

/** Answers an error the client must handle, with the uniform body of DESIGN.md §3. */
export function apiError<S extends ContentfulStatusCode>(c: Context, status: S, code: string, message: string, issues?: ErrorIssue[]) {
  return c.json(errorBody(code, message, issues), status);
}

/**
 * An error answer for any client: a styled page with a way back for a person's browser (Accept prefers
 * text/html), the uniform JSON error body for every other client. People never see raw JSON.
 */
export function errorAnswer<S extends ContentfulStatusCode>(
  c: Context,
  status: S,
  code: string,
  message: string,
  options: PageHint & { issues?: ErrorIssue[] } = {},
) {
  if (prefersHtml(c.req.header('accept'))) {
    const publicUrl = (c.var as { deps?: { publicUrl: string } }).deps?.publicUrl ?? '';
    return c.html(ErrorPage({ status, message: options.pageMessage ?? message, publicUrl, link: options.link }), status);
  }
  return apiError(c, status, code, message, options.issues);
}

export function issuesOf(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): ErrorIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

const targetNames: Record<keyof ValidationTargets, string> = {
  json: 'request body',
  form: 'form',
  query: 'query string',
  param: 'path',
  header: 'headers',
  cookie: 'cookies',
};

/** What a person's browser is told instead of the validation details (see errorAnswer). */
export interface PageHint {
  pageMessage?: string;
  link?: { href: string; label: string };
}

/** Every validator made by `validate`: a test finds the /api/v1 routes validating with a schema their descriptor does not declare. */
export const validators = new WeakSet<object>();

/** zValidator with the uniform 400 error body (a page for people); every route validates through this. */
export const validate = <T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T, forPeople: PageHint = {}) => {
  const validator = zValidator(target, schema, (result, c) => {
    if (!result.success) {
      const issues = issuesOf(result.error);
      const summary = issues.map((issue) => withField(issue.path, issue.message)).join('; ');
      return errorAnswer(c, 400, 'invalid_request', `Invalid ${targetNames[target]}: ${summary}`, { issues, ...forPeople });
    }
  });
  validators.add(validator);
  return validator;
};
