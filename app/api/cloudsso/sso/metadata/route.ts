import { consoleApi } from "@/lib/api-handler";
import { spMetadataXml } from "@/lib/cloudsso/sso/entities";
import { logonSettings } from "@/lib/cloudsso/sso/settings";
import { publicOrigin } from "@/lib/saml/public-origin";

export const dynamic = "force-dynamic";

/** Download the SP metadata file (Settings › SSO Logon). */
export const GET = consoleApi(async (req) => {
  const settings = await logonSettings();
  return new Response(spMetadataXml(settings, publicOrigin(req)), {
    headers: {
      "content-type": "application/samlmetadata+xml; charset=utf-8",
      "content-disposition": `attachment; filename="cloudsso-sp-metadata-${settings.directoryId}.xml"`,
      "cache-control": "no-store",
    },
  });
});
