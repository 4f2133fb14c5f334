"use client";

import { signIn } from "next-auth/react";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";

export function LoginForm() {
  const router = useRouter();
  const params = useSearchParams();
  const raw = params.get("callbackUrl") ?? "/";
  // Only same-site paths: never redirect to another origin after sign-in.
  const callbackUrl = raw.startsWith("/") && !raw.startsWith("//") ? raw : "/";
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        setBusy(true);
        setError("");
        const res = await signIn("credentials", {
          username: String(form.get("username") ?? ""),
          password: String(form.get("password") ?? ""),
          redirect: false,
        });
        setBusy(false);
        if (res?.ok) router.replace(callbackUrl);
        else setError("Incorrect username or password.");
      }}
    >
      <label htmlFor="username" className="mb-1 block text-text-2">
        Username
      </label>
      <input id="username" name="username" className="input mb-4" autoComplete="username" required />
      <label htmlFor="password" className="mb-1 block text-text-2">
        Password
      </label>
      <input id="password" name="password" type="password" className="input mb-4" autoComplete="current-password" required />
      {error && (
        <p role="alert" className="mb-3 text-error">
          {error}
        </p>
      )}
      <button type="submit" className="btn btn-primary w-full justify-center" disabled={busy}>
        {busy ? "Signing in…" : "Sign In"}
      </button>
    </form>
  );
}
