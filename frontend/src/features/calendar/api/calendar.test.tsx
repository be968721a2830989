import { act, render } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { describe, expect, it } from "vitest";
import { useCalendarParams } from "./calendar";

type Update = ReturnType<typeof useCalendarParams>["update"];

describe("useCalendarParams", () => {
  function setUp() {
    const captured: { update?: Update } = {};
    function Schedule() {
      captured.update = useCalendarParams().update;
      return <p>schedule</p>;
    }
    const router = createMemoryRouter(
      [
        { path: "/doctor/schedule", element: <Schedule /> },
        { path: "/doctor/time-off", element: <p>time off</p> },
      ],
      { initialEntries: ["/doctor/schedule"] },
    );
    render(<RouterProvider router={router} />);
    return { router, update: () => captured.update! };
  }

  it("writes a patch into the URL of the page it is on", async () => {
    const { router, update } = setUp();
    await act(async () => update()({ office: 4, date: "2026-12-07" }, { replace: true }));
    expect(router.state.location.pathname).toBe("/doctor/schedule");
    expect(new URLSearchParams(router.state.location.search).get("office")).toBe("4");
    expect(new URLSearchParams(router.state.location.search).get("date")).toBe("2026-12-07");
  });

  it("drops a patch from a page the person has already left, so a click elsewhere is not undone", async () => {
    const { router, update } = setUp();
    const fromSchedule = update();
    // The click on "Time off" has been taken by the router; the schedule's effect, holding the
    // office that just loaded, runs after it.
    await act(async () => router.navigate("/doctor/time-off"));
    await act(async () => fromSchedule({ office: 4, date: "2026-12-07" }, { replace: true }));
    expect(router.state.location.pathname).toBe("/doctor/time-off");
    expect(router.state.location.search).toBe("");
  });
});
