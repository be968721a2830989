import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { createBrowserRouter } from "react-router";
import { RouterProvider } from "react-router/dom";
import { session } from "@/lib/session";
import { problemStatus } from "@/utils/problem";
import { routes } from "./routes";

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        // Client errors will not fix themselves; retry only network and server failures once.
        retry: (failures, error) => {
          const status = problemStatus(error);
          return failures < 1 && (status === null || status >= 500);
        },
      },
    },
  });
}

const router = createBrowserRouter(routes);

export function App() {
  const [queryClient] = useState(makeQueryClient);
  // Forget every cached answer when the session ends, so the next user sees none of them.
  useEffect(
    () =>
      session.subscribe(() => {
        if (!session.tokens()) queryClient.clear();
      }),
    [queryClient],
  );
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}

