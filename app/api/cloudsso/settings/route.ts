import { consoleApi, parseBody } from "@/lib/api-handler";
import { getScimStatus, scimEndpoint, setScimStatus } from "@/lib/cloudsso/directory";
import { MAX_CREDENTIALS_PER_DIRECTORY } from "@/lib/cloudsso/credentials";
import { scimSwitchSchema } from "@/lib/cloudsso/schemas";

export const dynamic = "force-dynamic";

function origin(req: Request) {
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  const proto = req.headers.get("x-forwarded-proto") ?? new URL(req.url).protocol.replace(":", "");
  return host ? `${proto}://${host}` : new URL(req.url).origin;
}

export const GET = consoleApi(async (req) => ({
  scimEnabled: await getScimStatus(),
  scimEndpoint: scimEndpoint(origin(req)),
  maxCredentials: MAX_CREDENTIALS_PER_DIRECTORY,
}));

export const PUT = consoleApi(async (req) => {
  const { enabled } = await parseBody(req, scimSwitchSchema);
  await setScimStatus(enabled);
  return { scimEnabled: enabled };
});
