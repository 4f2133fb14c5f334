import { AccountDetail } from "@/components/idaas/account-detail";
import { getInstance } from "@/lib/idaas/instance";

export const dynamic = "force-dynamic";

export default async function AccountDetailPage({ params }: { params: Promise<{ instanceId: string; accountId: string }> }) {
  const { instanceId, accountId } = await params;
  const instance = await getInstance(instanceId);
  return <AccountDetail instanceId={instanceId} instanceName={instance.name} accountId={accountId} />;
}
