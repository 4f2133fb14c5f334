/**
 * RAM policy grammar (client-safe: the inline policy editor runs the same check as the server).
 * A document is `{ "Version": "1", "Statement": [ { "Effect": "Allow" | "Deny", "Action" |
 * "NotAction", "Resource" | "NotResource", "Condition"? } ] }`. Problems come back as messages
 * that name the JSON path ("Statement[0].Effect must be "Allow" or "Deny"."), first one first.
 */

export const INLINE_POLICY_MAX_CHARS = 4096;

const STATEMENT_KEYS = new Set(["Effect", "Action", "NotAction", "Resource", "NotResource", "Condition"]);
const ACTION = /^(\*|[A-Za-z0-9-]+:[A-Za-z0-9*?]+)$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function stringOrList(value: unknown, at: string, check?: (s: string) => string | null): string[] {
  const list = typeof value === "string" ? [value] : Array.isArray(value) ? value : null;
  if (!list) return [`${at} must be a string or an array of strings.`];
  if (list.length === 0) return [`${at} must not be empty.`];
  const problems: string[] = [];
  list.forEach((item, i) => {
    const where = Array.isArray(value) ? `${at}[${i}]` : at;
    if (typeof item !== "string" || item.trim() === "") problems.push(`${where} must be a non-empty string.`);
    else if (check) {
      const p = check(item);
      if (p) problems.push(`${where} ${p}`);
    }
  });
  return problems;
}

/** Every problem in a policy document given as JSON text; [] when it is valid. */
export function policyDocumentProblems(text: string): string[] {
  if (text.trim() === "") return ["Enter the policy document."];
  if (text.length > INLINE_POLICY_MAX_CHARS) return [`The policy document must be at most ${INLINE_POLICY_MAX_CHARS} characters.`];
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return [`The policy document is not valid JSON: ${err instanceof Error ? err.message : String(err)}`];
  }
  if (!isObject(doc)) return ["The policy document must be a JSON object."];
  const problems: string[] = [];
  for (const key of Object.keys(doc)) {
    if (key !== "Version" && key !== "Statement") problems.push(`Unknown element "${key}": a policy has only Version and Statement.`);
  }
  if (doc.Version === undefined) problems.push('Version is required and must be "1".');
  else if (doc.Version !== "1") problems.push('Version must be "1".');
  const statements = doc.Statement;
  if (statements === undefined) problems.push("Statement is required.");
  else if (!Array.isArray(statements)) problems.push("Statement must be an array of statements.");
  else if (statements.length === 0) problems.push("Statement must contain at least one statement.");
  else {
    statements.forEach((s: unknown, i) => {
      const at = `Statement[${i}]`;
      if (!isObject(s)) {
        problems.push(`${at} must be an object.`);
        return;
      }
      for (const key of Object.keys(s)) {
        if (!STATEMENT_KEYS.has(key)) problems.push(`${at}: unknown element "${key}".`);
      }
      if (s.Effect === undefined) problems.push(`${at}.Effect is required ("Allow" or "Deny").`);
      else if (s.Effect !== "Allow" && s.Effect !== "Deny") problems.push(`${at}.Effect must be "Allow" or "Deny".`);
      if (s.Action !== undefined && s.NotAction !== undefined) problems.push(`${at}: use Action or NotAction, not both.`);
      else if (s.Action === undefined && s.NotAction === undefined) problems.push(`${at}.Action is required.`);
      else {
        const key = s.Action !== undefined ? "Action" : "NotAction";
        problems.push(
          ...stringOrList(s[key], `${at}.${key}`, (a) => (ACTION.test(a) ? null : 'must be "*" or "<service>:<action>", e.g. "ecs:DescribeInstances".')),
        );
      }
      if (s.Resource !== undefined && s.NotResource !== undefined) problems.push(`${at}: use Resource or NotResource, not both.`);
      else if (s.Resource === undefined && s.NotResource === undefined) problems.push(`${at}.Resource is required.`);
      else {
        const key = s.Resource !== undefined ? "Resource" : "NotResource";
        problems.push(...stringOrList(s[key], `${at}.${key}`));
      }
      if (s.Condition !== undefined) {
        if (!isObject(s.Condition)) problems.push(`${at}.Condition must be an object of condition operators.`);
        else
          for (const [op, body] of Object.entries(s.Condition)) {
            if (!isObject(body)) problems.push(`${at}.Condition.${op} must be an object of condition keys and values.`);
            else
              for (const [key, value] of Object.entries(body)) {
                const ok =
                  ["string", "number", "boolean"].includes(typeof value) ||
                  (Array.isArray(value) && value.length > 0 && value.every((v) => ["string", "number", "boolean"].includes(typeof v)));
                if (!ok) problems.push(`${at}.Condition.${op}.${key} must be a value or a non-empty array of values.`);
              }
          }
      }
    });
  }
  return problems;
}
