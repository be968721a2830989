import { useQueryClient } from "@tanstack/react-query";
import { $api } from "@/lib/api-client";

const POLL_MS = 30_000;

export function useUnreadCount() {
  return $api.useQuery("get", "/api/v1/notifications/unread-count", undefined, {
    refetchInterval: POLL_MS,
    refetchOnWindowFocus: true,
  });
}

export function useNotifications(params: { unread?: boolean; page?: number; per_page?: number }) {
  return $api.useQuery("get", "/api/v1/notifications", { params: { query: params } });
}

function useRefreshNotifications() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ["get", "/api/v1/notifications"] });
    void queryClient.invalidateQueries({ queryKey: ["get", "/api/v1/notifications/unread-count"] });
  };
}

export function useMarkRead() {
  const refresh = useRefreshNotifications();
  return $api.useMutation("post", "/api/v1/notifications/{id}/read", { onSuccess: refresh });
}

export function useMarkAllRead() {
  const refresh = useRefreshNotifications();
  return $api.useMutation("post", "/api/v1/notifications/read-all", { onSuccess: refresh });
}
