import { consoleApi, parseBody } from "@/lib/api-handler";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { removePermissionPolicy, updateInlinePolicy } from "@/lib/cloudsso/access/access-configurations";
import { POLICY_TYPES, updateInlinePolicySchema, type PolicyType } from "@/lib/cloudsso/access/schemas";

type P = { id: string; type: string; name: string };

function policyType(type: string): PolicyType {
  const t = POLICY_TYPES.find((x) => x === type);
  if (!t) throw new NotFoundError('Policy type must be "System" or "Inline".');
  return t;
}

/** UpdateInlinePolicyForAccessConfiguration (Inline only). */
export const PUT = consoleApi<P>(async (req, { params }) => {
  if (policyType(params.type) !== "Inline") throw new ValidationError("Only the inline policy can be updated.", { type: "Only the inline policy can be updated." });
  const { document } = await parseBody(req, updateInlinePolicySchema);
  return updateInlinePolicy(params.id, params.name, document);
});

export const DELETE = consoleApi<P>(async (_req, { params }) => removePermissionPolicy(params.id, policyType(params.type), params.name));
