import { PageHeader } from "@/components/page-header";
import { ScimRequestLog } from "@/components/cloudsso/scim-request-log";

export const metadata = { title: "SCIM Request Log — CloudSSO" };

export default function ScimRequestsPage() {
  return (
    <>
      <PageHeader
        crumbs={[{ label: "CloudSSO", href: "/cloudsso" }, { label: "SCIM Request Log" }]}
        title="SCIM Request Log"
      >
        <p className="mt-2 text-text-2">
          Every request made to the SCIM endpoint, newest first — what the identity provider actually sent. Secrets are
          never recorded.
        </p>
      </PageHeader>
      <ScimRequestLog />
    </>
  );
}
