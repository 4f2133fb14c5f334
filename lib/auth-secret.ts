import "server-only";
import { persistentSecret } from "@/lib/local-secrets";

/** NEXTAUTH_SECRET, else a secret generated once into the data folder. */
export function authSecret(): string {
  return persistentSecret("NEXTAUTH_SECRET", "nextauth-secret");
}
