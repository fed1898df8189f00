import { useEffect } from "react";

/** Sets the browser tab's title to "<title> · Throughline" while the page is shown. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Throughline`;
  }, [title]);
}
