import { useEffect } from "react";

/** Sets the browser tab's title ("<title> · Clinic") while the page is shown (not when empty). */
export function useDocumentTitle(title: string) {
  useEffect(() => {
    if (!title) return;
    const before = document.title;
    document.title = `${title} · Clinic`;
    return () => {
      document.title = before;
    };
  }, [title]);
}
