"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { Toaster } from "sonner";

export function Providers({ children }: { children: React.ReactNode }) {
  const [client] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } }),
  );
  return (
    <QueryClientProvider client={client}>
      {children}
      {/* Bottom right, clear of the top bar, the breadcrumbs and the page header's actions. */}
      <Toaster position="bottom-right" offset={24} duration={3000} richColors closeButton />
    </QueryClientProvider>
  );
}
