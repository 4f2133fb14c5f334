import "server-only";
import { db } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import type { ScimClientErrorKind } from "@/lib/scim/client-errors";
import { testConnectivity } from "@/lib/scim/connectivity";
import { connectivityTestInputSchema, scimServerUrlSchema } from "./config-schema";
import { connectionFingerprint, recordConnectivityResult } from "./setup-progress";
import { decryptToken } from "./token-crypto";

/** What Test Connectivity answers the console (never the token). */
export interface ConnectivityOutcome {
  ok: boolean;
  kind?: ScimClientErrorKind;
  message: string;
  httpStatus?: number | null;
  /** The test used exactly the saved SCIM Server URL and Bearer Token. */
  savedConfiguration: boolean;
}

interface ConnectivityTarget {
  url: string;
  token: string;
  /** How the message names the token: typed in the form, or the saved one by its mask. */
  tokenLabel: string;
  savedConnection: string | null;
}

/**
 * Test Connectivity with what the Provisioning form shows — the typed SCIM Server URL, and the
 * typed Bearer Token or the saved one when none is typed — without saving anything, so a green
 * result can never be about other values than the ones on screen. The result is recorded for the
 * setup checklist, which counts it only when it tested the saved configuration.
 */
export async function testApplicationConnectivity(appId: string, raw: unknown): Promise<ConnectivityOutcome> {
  const target = await connectivityTarget(appId, raw);
  // testConnectivity applies the outbound-safety checks (forbidden addresses) to this URL first.
  const result = await testConnectivity({ url: target.url, token: target.token });
  await recordConnectivityResult(appId, {
    ok: result.ok,
    at: new Date().toISOString(),
    url: target.url,
    savedConnection: target.savedConnection,
    message: result.message,
  });
  const tested = `${target.url} with ${target.tokenLabel}`;
  const savedConfiguration = target.savedConnection !== null;
  if (result.ok) {
    const unsaved = savedConfiguration ? "" : " These values are not saved yet: click Save to use them.";
    return { ok: true, message: `Connectivity test succeeded: ${tested}; the SCIM server accepted the Bearer Token.${unsaved}`, savedConfiguration };
  }
  return { ok: false, kind: result.kind, message: `${tested}: ${result.message}`, httpStatus: result.httpStatus, savedConfiguration };
}

async function connectivityTarget(appId: string, raw: unknown): Promise<ConnectivityTarget> {
  const input = connectivityTestInputSchema.parse(raw);
  const saved = await db.provisioningConfig.findUnique({ where: { applicationId: appId } });
  const savedUrl = saved?.scimServerUrl ?? "";
  const savedToken = saved?.tokenEncrypted ? decryptToken(saved.tokenEncrypted) : "";

  const messages: string[] = [];
  const fieldErrors: Record<string, string> = {};
  // A typed URL gets the same checks as Save. A saved one passed them when it was saved (or is an
  // older row): testConnectivity's own URL step judges it, and its failure is a test result.
  let url = savedUrl;
  if (input.scimServerUrl !== undefined) {
    const typed = scimServerUrlSchema.safeParse(input.scimServerUrl);
    if (typed.success) url = typed.data;
    else {
      fieldErrors.scimServerUrl = typed.error.issues[0].message;
      const shown = input.scimServerUrl.trim();
      messages.push(shown === "" ? "Enter the SCIM Server URL to test." : `The SCIM Server URL "${shown.slice(0, 200)}" is invalid: ${fieldErrors.scimServerUrl}`);
    }
  } else if (!savedUrl) {
    fieldErrors.scimServerUrl = "SCIM Server URL is required.";
    messages.push("Enter the SCIM Server URL to test.");
  }
  const token = input.bearerToken || savedToken;
  if (!token) {
    fieldErrors.bearerToken = "Bearer Token Key Mode is required.";
    messages.push("Enter the Bearer Token Key Mode to test: no token is saved yet.");
  }
  if (messages.length > 0) throw new ValidationError(`${messages.join(" ")} Nothing was tested.`, fieldErrors);

  const isSaved = url === savedUrl && savedToken !== "" && token === savedToken;
  return {
    url,
    token,
    tokenLabel: input.bearerToken ? "the token you typed" : `the saved token (${saved?.tokenHint ?? ""})`,
    savedConnection: isSaved && saved ? connectionFingerprint(saved.scimServerUrl, saved.tokenEncrypted) : null,
  };
}
