import { act, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { IDLE_TIMEOUT_MINUTES, useInactivity } from "./use-inactivity";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("useInactivity", () => {
  it("defaults to fifteen minutes", () => {
    expect(IDLE_TIMEOUT_MINUTES).toBe(15);
  });

  it("fires once after the timeout without input", () => {
    const onIdle = vi.fn();
    renderHook(() => useInactivity(onIdle, 60_000));
    act(() => vi.advanceTimersByTime(59_000));
    expect(onIdle).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(2_000));
    expect(onIdle).toHaveBeenCalledTimes(1);
    act(() => vi.advanceTimersByTime(120_000));
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it("starts over on keyboard or pointer input", () => {
    const onIdle = vi.fn();
    renderHook(() => useInactivity(onIdle, 60_000));
    act(() => vi.advanceTimersByTime(50_000));
    act(() => void window.dispatchEvent(new KeyboardEvent("keydown", { key: "a" })));
    act(() => vi.advanceTimersByTime(50_000));
    expect(onIdle).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(16_000));
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it("does nothing while disabled", () => {
    const onIdle = vi.fn();
    renderHook(() => useInactivity(onIdle, 1_000, false));
    act(() => vi.advanceTimersByTime(10_000));
    expect(onIdle).not.toHaveBeenCalled();
  });
});
