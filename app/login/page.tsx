import { Suspense } from "react";
import { LoginForm } from "./login-form";

export const metadata = { title: "Sign In — Alibaba Cloud Console" };

export default function LoginPage() {
  return (
    <main className="flex min-h-screen items-center justify-center bg-[#f5f5f5]">
      <div className="w-[380px] rounded-[4px] bg-white p-8 shadow-sm">
        <div className="mb-6 flex items-center gap-2">
          <span className="block h-[22px] w-[22px] rounded-[2px] bg-brand" aria-hidden />
          <span className="text-[16px] font-medium text-brand">Alibaba Cloud</span>
        </div>
        <h1 className="mb-6 text-[20px] font-medium">Sign in to the console</h1>
        <Suspense>
          <LoginForm />
        </Suspense>
      </div>
    </main>
  );
}
