import { AccountDetail } from "@/components/cloudsso/access/account-detail";

export default async function AccountPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  return <AccountDetail accountId={accountId} />;
}
