import { PageHeader } from "@/components/page-header";
import { ScimSettings } from "@/components/cloudsso/scim-settings";
import { DirectoryNameSettings } from "@/components/cloudsso/sso/directory-name-settings";
import { SsoLogonSettings } from "@/components/cloudsso/sso/sso-logon-settings";

export const metadata = { title: "Settings — CloudSSO" };

export default function SettingsPage() {
  return (
    <>
      <PageHeader crumbs={[{ label: "CloudSSO", href: "/cloudsso" }, { label: "Settings" }]} title="Settings" />
      <div role="tablist" aria-label="Settings" className="mb-4 flex border-b border-line-2">
        <button
          role="tab"
          aria-selected="true"
          className="-mb-px border-b-2 border-primary px-4 py-2 text-[13px] text-primary"
          type="button"
        >
          User Settings
        </button>
      </div>
      <div role="tabpanel" aria-label="User Settings">
        <ScimSettings />
        <DirectoryNameSettings />
        <SsoLogonSettings />
      </div>
    </>
  );
}
