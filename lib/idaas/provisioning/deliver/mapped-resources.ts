import "server-only";
import { db } from "@/lib/db";
import type { IdaasAccount, IdaasGroup } from "@/lib/generated/prisma/client";
import { hashResource, mapGroup, mapUser } from "@/lib/idaas/mapping/index";
import { DEFAULT_CLOUDSSO_USER_MAPPING, DEFAULT_GROUP_MAPPING } from "@/lib/idaas/mapping/defaults";
import type { ProvisioningTarget } from "../config/config-types";

/** An account row plus the derived fields a Field Mapping may read. */
export type MappableAccount = IdaasAccount & { primaryUnitName: string };
export type MappableGroup = IdaasGroup;

/** The SCIM user this application's Field Mapping makes of an account, and its hash. */
export function mapAccount(target: ProvisioningTarget, account: MappableAccount) {
  const rules = target.userMapping.length ? target.userMapping : DEFAULT_CLOUDSSO_USER_MAPPING;
  const resource = mapUser(rules, account) as Record<string, unknown>;
  return { resource, hash: hashResource(resource) };
}

export function mapGroupResource(target: ProvisioningTarget, group: MappableGroup) {
  const rules = target.groupMapping.length ? target.groupMapping : DEFAULT_GROUP_MAPPING;
  const resource = mapGroup(rules, group) as Record<string, unknown>;
  return { resource, hash: hashResource(resource) };
}

/**
 * The value of the matching attribute in a mapped resource: a plain or dotted attribute
 * (`userName`, `name.givenName`) or a value path (`emails[type eq "work"].value`).
 */
export function matchValue(resource: Record<string, unknown>, attribute: string): string | null {
  const valuePath = /^(\w+)\[(\w+) eq "([^"]*)"\]\.(\w+)$/.exec(attribute);
  if (valuePath) {
    const [, attr, subAttr, expected, leaf] = valuePath;
    const list = resource[attr];
    if (!Array.isArray(list)) return null;
    const hit = list.find((x) => x && typeof x === "object" && String((x as Record<string, unknown>)[subAttr]) === expected);
    const v = hit ? (hit as Record<string, unknown>)[leaf] : undefined;
    return typeof v === "string" && v ? v : null;
  }
  let cur: unknown = resource;
  for (const part of attribute.split(".")) {
    if (!cur || typeof cur !== "object") return null;
    const obj = cur as Record<string, unknown>;
    const key = Object.keys(obj).find((k) => k.toLowerCase() === part.toLowerCase());
    cur = key ? obj[key] : undefined;
  }
  return typeof cur === "string" && cur ? cur : null;
}

/** Bound parameters per query stay well under the SQLite driver's limit. */
const CHUNK = 500;

const withUnit = { primaryUnit: { select: { name: true } } } as const;

function toMappable<T extends IdaasAccount & { primaryUnit: { name: string } }>(row: T): MappableAccount {
  const { primaryUnit, ...account } = row;
  return { ...account, primaryUnitName: primaryUnit.name };
}

/** The accounts of these ids (Push Now passes a chunk at a time: never the whole directory). */
export async function loadMappableAccounts(instanceId: string, ids: string[]): Promise<Map<string, MappableAccount>> {
  const out = new Map<string, MappableAccount>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db.idaasAccount.findMany({ where: { instanceId, id: { in: ids.slice(i, i + CHUNK) } }, include: withUnit });
    for (const r of rows) out.set(r.id, toMappable(r));
  }
  return out;
}

export async function loadMappableAccount(id: string): Promise<MappableAccount | null> {
  const row = await db.idaasAccount.findUnique({ where: { id }, include: withUnit });
  return row ? toMappable(row) : null;
}

export async function loadMappableGroups(instanceId: string, ids: string[]): Promise<MappableGroup[]> {
  if (ids.length === 0) return [];
  return db.idaasGroup.findMany({ where: { instanceId, id: { in: ids } }, orderBy: { createdAt: "asc" } });
}
