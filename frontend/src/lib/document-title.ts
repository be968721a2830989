import { useEffect } from "react";

/**
 * Sets the browser tab's title ("<title> · Clinic") while the page is shown (not when empty).
 * Every page sets its own, so nothing is restored on leaving: restoring raced the next page's
 * title (a schedule's dated title could come back over "Time off" after the route had changed).
 */
export function useDocumentTitle(title: string) {
  useEffect(() => {
    if (!title) return;
    document.title = `${title} · Clinic`;
  }, [title]);
}
