import { NextResponse } from "next/server";
import { z } from "zod";
import { getSession } from "@/lib/auth";
import { DomainError, ValidationError } from "@/lib/errors";

/** Error body every console API uses; forms show `fieldErrors` inline. */
export interface ApiErrorBody {
  error: string;
  fieldErrors?: Record<string, string>;
}

export function apiError(status: number, error: string, fieldErrors?: Record<string, string>) {
  return NextResponse.json<ApiErrorBody>({ error, ...(fieldErrors ? { fieldErrors } : {}) }, { status });
}

/** zod issues → { "field.path": "first message" } */
export function zodFieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    out[key] ??= issue.message;
  }
  return out;
}

type Ctx<P> = { params: Promise<P> };

/**
 * Wraps a console API route: requires a session (401 JSON otherwise), maps typed domain
 * errors and zod errors to JSON, and never lets an exception become an HTML 500 page.
 */
export function consoleApi<P = Record<string, string>>(
  handler: (req: Request, ctx: { params: P; username: string }) => Promise<Response | unknown>,
) {
  return async (req: Request, ctx: Ctx<P>): Promise<Response> => {
    const session = await getSession();
    if (!session?.user) return apiError(401, "Authentication required. Sign in to the console.");
    try {
      const result = await handler(req, { params: await ctx.params, username: session.user.name ?? "" });
      if (result instanceof Response) return result;
      return NextResponse.json(result ?? { ok: true });
    } catch (err) {
      if (err instanceof DomainError) return apiError(err.status, err.message, err.fieldErrors);
      if (err instanceof z.ZodError) return apiError(422, "Some fields are invalid.", zodFieldErrors(err));
      if (err instanceof SyntaxError) return apiError(400, "The request body is not valid JSON.");
      console.error("console API error:", err instanceof Error ? err.message : err);
      return apiError(500, "Internal error. The change was not applied.");
    }
  };
}

/** Parse a JSON body with a zod schema (throws ZodError / SyntaxError, mapped above). */
export async function parseBody<T extends z.ZodType>(req: Request, schema: T): Promise<z.infer<T>> {
  const text = await req.text();
  return schema.parse(text ? JSON.parse(text) : {});
}

/**
 * Parse a query string with a zod schema: each parameter's first value, as a string. A failure is
 * the same 422 JSON as a body's (fieldErrors per parameter), under `invalidMessage`.
 */
export function parseQuery<T extends z.ZodType>(req: Request, schema: T, invalidMessage = "Some fields are invalid."): z.infer<T> {
  const raw: Record<string, string> = Object.create(null);
  for (const [key, value] of new URL(req.url).searchParams) raw[key] ??= value;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(invalidMessage, zodFieldErrors(parsed.error));
  return parsed.data;
}

/** A page number from the query: `fallback` when absent or not a number, kept within [1, max]. */
const pageNumber = (fallback: number, max = Infinity) =>
  z
    .string()
    .optional()
    .transform((v) => Math.min(max, Math.max(1, Number.parseInt(v ?? "", 10) || fallback)));

/** Standard paging query params for list endpoints; lenient, a list never fails on them. */
export const pagingQuerySchema = z.object({
  page: pageNumber(1),
  pageSize: pageNumber(20, 100),
  search: z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim()),
});

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
