import { redirect } from "next/navigation";
import { getSession } from "@/lib/auth";
import { TopBar } from "@/components/top-bar";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const session = await getSession();
  if (!session?.user) redirect("/login");
  return (
    <>
      <TopBar username={session.user.name ?? "admin"} />
      <div className="pt-[50px]">{children}</div>
    </>
  );
}
