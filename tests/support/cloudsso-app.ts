import type { ConsoleSession } from "./console-session";

/**
 * Step 2 of the seed over the console API: an "Alibaba Cloud - CloudSSO" application with the
 * given scope, provisioning switched on and the connection saved (Full Scope: accounts and groups,
 * the template's Operation and Field Mapping). Returns its id and API base.
 */
export async function configuredCloudSsoApp(
  s: ConsoleSession,
  instanceApi: string,
  opts: { name: string; scope: { unitIds: string[]; groupIds: string[] }; scimServerUrl: string; bearerToken: string },
): Promise<{ id: string; api: string }> {
  const must = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await s.call<T>(method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const app = await must<{ id: string }>("POST", `${instanceApi}/applications`, { templateId: "cloudsso", name: opts.name });
  const api = `${instanceApi}/applications/${app.id}`;
  await must("PUT", `${api}/provisioning/scope`, opts.scope);
  await must("PUT", `${api}/provisioning/enabled`, { enabled: true });
  const v = await must<Record<string, unknown>>("GET", `${api}/provisioning`);
  await must("PUT", `${api}/provisioning`, {
    scimServerUrl: opts.scimServerUrl,
    bearerToken: opts.bearerToken,
    operations: v.operations,
    fullScope: { accounts: true, groups: true },
    userMapping: v.userMapping,
    groupMapping: v.groupMapping,
    matchAttribute: v.matchAttribute,
  });
  return { id: app.id, api };
}
