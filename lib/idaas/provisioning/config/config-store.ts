import type { MappingRule } from "./config-types";
import { isOperationKey, type OperationKey } from "./operations";

/**
 * Decoding of the JSON columns of ProvisioningConfig. Rows are only written through validated
 * saves, but reads stay defensive so a hand-edited row degrades to "nothing configured" rather
 * than crashing the console or the engine.
 */
export function parseJson(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

export function parseStringList(json: string): string[] {
  const v = parseJson(json);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

export function parseOperations(json: string): OperationKey[] {
  return parseStringList(json).filter(isOperationKey);
}

export function parseMapping(json: string): MappingRule[] {
  const v = parseJson(json);
  if (!Array.isArray(v)) return [];
  return v.flatMap((r): MappingRule[] => {
    if (!r || typeof r !== "object") return [];
    const { target, type, source } = r as Record<string, unknown>;
    if (typeof target !== "string" || typeof source !== "string") return [];
    if (type !== "field" && type !== "expression" && type !== "constant") return [];
    return [{ target, type, source }];
  });
}
