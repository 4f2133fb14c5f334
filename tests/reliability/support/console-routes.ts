import fs from "node:fs";
import path from "node:path";

/**
 * The console API surface, read from the route files themselves so a route added later is covered
 * without editing the tests: every app/api/** route.ts except next-auth's and the health check,
 * with the HTTP methods it exports.
 */
export interface ConsoleRoute {
  /** e.g. /api/cloudsso/users/[userId] */
  pattern: string;
  methods: string[];
}

const ROOT = path.resolve(__dirname, "../../..");
const METHOD_EXPORT = /export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g;

function walk(dir: string, out: string[]) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.name === "route.ts") out.push(full);
  }
}

export function consoleApiRoutes(): ConsoleRoute[] {
  const files: string[] = [];
  walk(path.join(ROOT, "app/api"), files);
  return files
    .map((file) => {
      const rel = path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep).join("/");
      const methods = [...fs.readFileSync(file, "utf8").matchAll(METHOD_EXPORT)].map((m) => m[1]);
      return { pattern: `/${rel}`, methods: [...new Set(methods)] };
    })
    .filter((r) => !r.pattern.startsWith("/api/auth") && r.pattern !== "/api/health")
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** Console pages (app/(console)/** page.tsx) as URL patterns, route groups removed. */
export function consolePages(): string[] {
  const out: string[] = [];
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name === "page.tsx") out.push(path.dirname(full));
    }
  };
  const base = path.join(ROOT, "app/(console)");
  visit(base);
  return out
    .map((d) =>
      `/${path.relative(base, d).split(path.sep).filter((seg) => !/^\(.*\)$/.test(seg)).join("/")}`.replace(/\/$/, "") || "/",
    )
    .sort();
}

/** Replaces every [param] with the value from `ids`, or a dummy id that exists nowhere. */
export function fillParams(pattern: string, ids: Record<string, string> = {}): string {
  return pattern.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, name: string) => encodeURIComponent(ids[name] ?? `dummy-${name}`));
}
