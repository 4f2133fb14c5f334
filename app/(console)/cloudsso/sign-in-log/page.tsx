import { PageHeader } from "@/components/page-header";
import { SignInLog } from "@/components/cloudsso/sso/sign-in-log";

export const metadata = { title: "Sign-in Log — CloudSSO" };

export default function SignInLogPage() {
  return (
    <>
      <PageHeader crumbs={[{ label: "CloudSSO", href: "/cloudsso" }, { label: "Sign-in Log" }]} title="Sign-in Log">
        <p className="mt-2 text-text-2">
          Logons to the CloudSSO user portal, newest first: who, when, by SSO or password, and why a logon was refused.
        </p>
      </PageHeader>
      <SignInLog />
    </>
  );
}
