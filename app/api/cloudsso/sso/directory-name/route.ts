import { consoleApi, parseBody } from "@/lib/api-handler";
import { DEFAULT_DIRECTORY_ID } from "@/lib/cloudsso/directory";
import { directoryNameBodySchema } from "@/lib/cloudsso/sso/schemas";
import { setDirectoryName, ssoLogonView } from "@/lib/cloudsso/sso/settings";
import { publicOrigin } from "@/lib/saml/public-origin";

export const dynamic = "force-dynamic";

export const PUT = consoleApi(async (req) => {
  const { directoryName } = await parseBody(req, directoryNameBodySchema);
  return ssoLogonView(await setDirectoryName(DEFAULT_DIRECTORY_ID, directoryName), publicOrigin(req));
});
