import { validateMapping, type MappingIssue, type MappingKind } from "@/lib/idaas/mapping/index";
import type { MappingRule } from "./config-types";

/** Mapping issues as form field errors: `userMapping.2.source`, or `userMapping` for the table. */
export function issuesToFieldErrors(prefix: string, issues: readonly MappingIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.row === null ? prefix : `${prefix}.${issue.row}.${issue.field ?? "source"}`;
    out[key] ??= issue.message;
  }
  return out;
}

export function mappingFieldErrors(prefix: string, rules: readonly MappingRule[], kind: MappingKind): Record<string, string> {
  return issuesToFieldErrors(prefix, validateMapping(rules, kind));
}
