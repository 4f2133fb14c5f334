import "server-only";
import type { NextAuthOptions } from "next-auth";
import { getServerSession } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { verifyAdmin } from "@/lib/admin";
import { authSecret } from "@/lib/auth-secret";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Administrator",
      credentials: { username: { label: "Username" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        if (!credentials?.username || !credentials.password) return null;
        return verifyAdmin(credentials.username, credentials.password);
      },
    }),
  ],
};

export function getSession() {
  return getServerSession(authOptions);
}
