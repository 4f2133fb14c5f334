import { instanceCrumbs } from "@/components/idaas/instance-crumbs";
import { PageHeader } from "@/components/page-header";
import { SignInLog } from "@/components/idaas/sign-in-log";
import { getInstance } from "@/lib/idaas/instance";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign-in Log — IDaaS" };

export default async function SignInLogPage({ params }: { params: Promise<{ instanceId: string }> }) {
  const { instanceId } = await params;
  const instance = await getInstance(instanceId);
  return (
    <>
      <PageHeader crumbs={instanceCrumbs(instanceId, instance.name, { label: "Log" }, { label: "Sign-in Log" })} title="Sign-in Log" />
      <SignInLog instanceId={instanceId} />
    </>
  );
}
