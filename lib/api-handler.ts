import { NextResponse } from "next/server";
import { z } from "zod";
import { getSession } from "@/lib/auth";
import { DomainError } from "@/lib/errors";

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

/** Standard paging query params for list endpoints. */
export function pagingParams(req: Request) {
  const url = new URL(req.url);
  const page = Math.max(1, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1);
  const pageSize = Math.min(100, Math.max(1, Number.parseInt(url.searchParams.get("pageSize") ?? "20", 10) || 20));
  const search = (url.searchParams.get("search") ?? "").trim();
  return { page, pageSize, search, searchParams: url.searchParams };
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
