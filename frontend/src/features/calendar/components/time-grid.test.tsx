import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { blockedSpan, calendar, visit } from "@/test/calendar-fixtures";
import { buildColumns } from "../columns";
import { PX_PER_MINUTE } from "../layout";
import { TimeGrid, blockLabel } from "./time-grid";

const TZ = "Europe/Berlin";
const DAY = "2026-03-10";
const WEEK = ["2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12", "2026-03-13", "2026-03-14", "2026-03-15"];
const hours = { start: 8 * 60, end: 18 * 60 };

function dayGrid(props: Partial<Parameters<typeof TimeGrid>[0]> = {}, now = new Date("2026-03-10T09:42:00Z")) {
  const a = visit(TZ, DAY, "09:00", 60, { id: 1, patient_name: "Alice Smith" });
  const b = visit(TZ, DAY, "09:30", 30, { id: 2, patient_name: "Bob Jones", is_overbooked: true, status: "confirmed" });
  const c = visit(TZ, DAY, "11:00", 20, { id: 3, patient_name: "Cara Diaz", doctor_id: 2, doctor_name: "Lisa Cuddy", status: "checked_in" });
  const data = calendar(TZ, DAY, [DAY], [a, b, c]);
  data.doctors[1]!.days[0]!.blocked.push(blockedSpan(TZ, DAY, "14:00", "17:00", "time_off", "Conference"));
  const onMove = vi.fn();
  const onOpen = vi.fn();
  const onBook = vi.fn();
  render(
    <TimeGrid
      columns={buildColumns(data, "day", DAY, null, false)}
      timeZone={TZ}
      hours={hours}
      now={now}
      view="day"
      canMove={() => true}
      onOpen={onOpen}
      onMove={onMove}
      onBook={onBook}
      {...props}
    />,
  );
  return { onMove, onOpen, onBook };
}

const px = (minutes: number) => `${minutes * PX_PER_MINUTE}px`;

describe("TimeGrid", () => {
  it("draws one column per doctor with blocks at their office-time start, sized by duration", () => {
    dayGrid();
    const house = screen.getByRole("region", { name: "Dr. Greg House, Diagnostics" });
    const alice = within(house).getByRole("button", { name: "9:00 AM to 10:00 AM, Alice Smith, Scheduled" });
    expect(alice.style.top).toBe(px(60)); // 9:00 is an hour below the grid's 8:00 top
    expect(alice.style.height).toBe(`${60 * PX_PER_MINUTE - 2}px`);
    const cuddy = screen.getByRole("region", { name: "Dr. Lisa Cuddy, Endocrinology" });
    expect(within(cuddy).getByRole("button", { name: "11:00 AM to 11:20 AM, Cara Diaz, Checked in" }).style.top).toBe(px(180));
    expect(within(cuddy).getByText("Time off: Conference")).toBeInTheDocument();
  });

  it("sets overlapping visits side by side and marks the overbooked one", () => {
    dayGrid();
    const alice = screen.getByRole("button", { name: /Alice Smith/ });
    const bob = screen.getByRole("button", { name: "9:30 AM to 10:00 AM, Bob Jones, Confirmed, overbooked" });
    expect(alice.style.left).toBe("calc(0% + 2px)");
    expect(alice.style.width).toBe("calc(50% - 4px)");
    expect(bob.style.left).toBe("calc(50% + 2px)");
    expect(bob).toHaveTextContent("Confirmed · Overbooked");
    expect(bob.dataset.status).toBe("confirmed");
  });

  it("tells a screen reader a visit was booked into a closure or time off, and that it belongs to a series", () => {
    const v = visit(TZ, DAY, "11:00", 30, { id: 9, patient_name: "Cara Diaz", outside_availability: true, outside_availability_reason: "Urgent", series_id: 4 });
    expect(blockLabel(v, TZ)).toBe("11:00 AM to 11:30 AM, Cara Diaz, Scheduled, booked into a closure or time off, part of a series");
    expect(blockLabel(visit(TZ, DAY, "11:00", 30, { id: 10, patient_name: "Dan Eve" }), TZ)).toBe("11:00 AM to 11:30 AM, Dan Eve, Scheduled");
  });

  it("draws the now line at the office's time on today only", () => {
    dayGrid();
    // 09:42 UTC is 10:42 in Berlin.
    const lines = screen.getAllByTestId("now-line");
    expect(lines).toHaveLength(2);
    expect(lines[0]!.style.top).toBe(px(10 * 60 + 42 - 8 * 60));
  });

  it("has no now line on another day", () => {
    dayGrid({}, new Date("2026-03-11T09:42:00Z"));
    expect(screen.queryByTestId("now-line")).toBeNull();
  });

  it("books from a free cell and offers no cell in time off or under a visit", () => {
    const { onBook } = dayGrid();
    fireEvent.click(screen.getByRole("button", { name: "Book with Dr. Greg House on Tue, Mar 10 at 10:15 AM" }));
    expect(onBook).toHaveBeenCalledWith(expect.objectContaining({ doctorId: 1, date: DAY }), 615);
    expect(screen.queryByRole("button", { name: "Book with Dr. Greg House on Tue, Mar 10 at 9:30 AM" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Book with Dr. Lisa Cuddy on Tue, Mar 10 at 2:00 PM" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Book with Dr. Lisa Cuddy on Tue, Mar 10" }));
    expect(onBook).toHaveBeenLastCalledWith(expect.objectContaining({ doctorId: 2 }), null);
  });

  it("moves a visit with the keyboard, announcing each step", () => {
    const { onMove, onOpen } = dayGrid();
    const alice = screen.getByRole("button", { name: /Alice Smith/ });
    alice.focus();
    fireEvent.keyDown(alice, { key: "m" });
    expect(screen.getByTestId("grid-announcer")).toHaveTextContent("Moving Alice Smith's visit from 9:00 AM");
    fireEvent.keyDown(alice, { key: "ArrowDown" });
    fireEvent.keyDown(alice, { key: "ArrowDown", shiftKey: true });
    expect(screen.getByTestId("grid-announcer")).toHaveTextContent("10:15 AM");
    expect(screen.getByTestId("move-ghost")).toHaveTextContent("10:15 AM");
    fireEvent.keyDown(alice, { key: "ArrowRight" });
    expect(screen.getByTestId("grid-announcer")).toHaveTextContent("moves only in time");
    fireEvent.keyDown(alice, { key: "Enter" });
    expect(onMove).toHaveBeenCalledWith(expect.objectContaining({ id: 1 }), { date: DAY, minutes: 615, startsAt: "2026-03-10T09:15:00.000Z" });
    expect(onOpen).not.toHaveBeenCalled();
    expect(screen.queryByTestId("move-ghost")).toBeNull();
  });

  it("cancels a keyboard move with Escape", () => {
    const { onMove } = dayGrid();
    const alice = screen.getByRole("button", { name: /Alice Smith/ });
    fireEvent.keyDown(alice, { key: "M" });
    fireEvent.keyDown(alice, { key: "ArrowUp" });
    fireEvent.keyDown(alice, { key: "Escape" });
    expect(screen.getByTestId("grid-announcer")).toHaveTextContent("Move cancelled. Alice Smith's visit stays at 9:00 AM.");
    expect(onMove).not.toHaveBeenCalled();
  });

  it("drops a keyboard move when the focus leaves the visit", () => {
    const { onMove } = dayGrid();
    const alice = screen.getByRole("button", { name: /Alice Smith/ });
    fireEvent.keyDown(alice, { key: "m" });
    fireEvent.keyDown(alice, { key: "ArrowDown" });
    expect(screen.getByTestId("move-ghost")).toBeInTheDocument();
    fireEvent.blur(alice);
    expect(screen.queryByTestId("move-ghost")).toBeNull();
    expect(onMove).not.toHaveBeenCalled();
  });

  it("moves a visit to another day of the week with the arrow keys", () => {
    const a = visit(TZ, "2026-03-10", "09:00", 30, { id: 7, patient_name: "Dana Lee" });
    const data = calendar(TZ, "2026-03-09", WEEK, [a]);
    const onMove = vi.fn();
    render(<TimeGrid columns={buildColumns(data, "week", "2026-03-10", 1, false)} timeZone={TZ} hours={hours} now={new Date("2026-03-10T08:00:00Z")} view="week" canMove={() => true} onOpen={() => {}} onMove={onMove} />);
    expect(screen.getAllByRole("region")).toHaveLength(7);
    const dana = screen.getByRole("button", { name: /Dana Lee/ });
    fireEvent.keyDown(dana, { key: "m" });
    fireEvent.keyDown(dana, { key: "ArrowRight" });
    fireEvent.keyDown(dana, { key: "ArrowRight" });
    expect(screen.getByTestId("grid-announcer")).toHaveTextContent("Thu, Mar 12, 9:00 AM");
    fireEvent.keyDown(dana, { key: "Enter" });
    expect(onMove).toHaveBeenCalledWith(expect.objectContaining({ id: 7 }), { date: "2026-03-12", minutes: 540, startsAt: "2026-03-12T08:00:00.000Z" });
  });

  it("opens a visit on click and leaves visits that may not move alone", () => {
    const { onOpen, onMove } = dayGrid({ canMove: (a) => a.status === "scheduled" });
    const cara = screen.getByRole("button", { name: /Cara Diaz/ });
    fireEvent.keyDown(cara, { key: "m" });
    expect(screen.queryByTestId("move-ghost")).toBeNull();
    fireEvent.click(cara);
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ id: 3 }));
    expect(onMove).not.toHaveBeenCalled();
  });
});
