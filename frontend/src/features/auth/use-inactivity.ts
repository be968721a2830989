import { useEffect, useRef } from "react";

const configured = Number(import.meta.env.VITE_IDLE_TIMEOUT_MINUTES);
/** Minutes without keyboard, pointer, touch or scroll input before the app signs out. */
export const IDLE_TIMEOUT_MINUTES = Number.isFinite(configured) && configured > 0 ? configured : 15;

const ACTIVITY = ["pointerdown", "pointermove", "keydown", "wheel", "touchstart", "scroll"] as const;

/**
 * Calls `onIdle` once after `timeoutMs` without user input. Compares wall-clock time on a
 * short interval, so a laptop waking from sleep signs out at once instead of a timer late.
 */
export function useInactivity(onIdle: () => void, timeoutMs = IDLE_TIMEOUT_MINUTES * 60_000, enabled = true) {
  const callback = useRef(onIdle);
  callback.current = onIdle;

  useEffect(() => {
    if (!enabled) return;
    let last = Date.now();
    let fired = false;
    const bump = () => {
      last = Date.now();
    };
    for (const event of ACTIVITY) window.addEventListener(event, bump, { passive: true, capture: true });
    const check = () => {
      if (!fired && Date.now() - last >= timeoutMs) {
        fired = true;
        callback.current();
      }
    };
    const interval = window.setInterval(check, Math.min(10_000, Math.max(250, timeoutMs / 10)));
    document.addEventListener("visibilitychange", check);
    return () => {
      for (const event of ACTIVITY) window.removeEventListener(event, bump, { capture: true });
      window.clearInterval(interval);
      document.removeEventListener("visibilitychange", check);
    };
  }, [timeoutMs, enabled]);
}
