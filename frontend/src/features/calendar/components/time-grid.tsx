import { DndContext, PointerSensor, useDraggable, useDroppable, useSensor, useSensors, type DragEndEvent, type Modifier } from "@dnd-kit/core";
import { CSS } from "@dnd-kit/utilities";
import { useState, type KeyboardEvent } from "react";
import type { AppointmentStatus } from "@/features/appointments/api/appointments";
import { cn } from "@/utils/cn";
import { bandOnDay, blockedBands, freeCells, movedStart, nowOnDay, placeBlocks, PX_PER_MINUTE, snap, STEP_MINUTES, type Band, type PlacedBlock } from "../layout";
import type { BlockKind, CalendarAppointment, CalendarDay } from "../types";
import { wallClock } from "../zone";
import { formatClock, formatDay, formatMinutes } from "@/lib/format";

/** One column of the grid: one doctor on one day. */
export interface GridColumn {
  key: string;
  doctorId: number;
  doctorName: string;
  date: string;
  title: string;
  subtitle?: string;
  day: CalendarDay;
  appointments: CalendarAppointment[];
}

/** Where a moved visit would go: its new local date and wall-clock start, and that instant. */
export interface MoveTarget {
  date: string;
  minutes: number;
  startsAt: string;
}

export const STATUS_LOOK: Record<AppointmentStatus, { label: string; block: string; swatch: string }> = {
  scheduled: { label: "Scheduled", block: "border-sky-700 bg-sky-100 text-sky-950", swatch: "border-sky-700 bg-sky-100" },
  confirmed: { label: "Confirmed", block: "border-violet-700 bg-violet-100 text-violet-950", swatch: "border-violet-700 bg-violet-100" },
  checked_in: { label: "Checked in", block: "border-amber-600 bg-amber-100 text-amber-950", swatch: "border-amber-600 bg-amber-100" },
  completed: { label: "Completed", block: "border-green-700 bg-green-100 text-green-950", swatch: "border-green-700 bg-green-100" },
  cancelled: { label: "Cancelled", block: "border-slate-400 bg-slate-50 text-slate-600 line-through", swatch: "border-slate-400 bg-slate-50" },
  no_show: { label: "No-show", block: "border-red-700 bg-red-100 text-red-950", swatch: "border-red-700 bg-red-100" },
};

export const BLOCK_LOOK: Record<BlockKind, { label: string; className: string }> = {
  time_off: { label: "Time off", className: "bg-orange-100/90 text-orange-900" },
  closure: { label: "Closed", className: "bg-rose-100/90 text-rose-900" },
  day_off: { label: "Day off", className: "bg-slate-200/90 text-slate-700" },
};

const HATCH = "repeating-linear-gradient(135deg, transparent 0 6px, rgb(0 0 0 / 0.05) 6px 12px)";

/** The words a screen reader hears for a visit. */
export function blockLabel(a: CalendarAppointment, timeZone: string): string {
  const parts = [`${formatClock(a.starts_at, timeZone)} to ${formatClock(a.ends_at, timeZone)}`, a.patient_name, STATUS_LOOK[a.status].label];
  if (a.is_overbooked) parts.push("overbooked");
  if (a.outside_availability) parts.push("booked into a closure or time off");
  if (a.series_id != null) parts.push("part of a series");
  return parts.join(", ");
}

const verticalOnly: Modifier = ({ transform }) => ({ ...transform, x: 0 });

interface KeyMove {
  appointment: CalendarAppointment;
  target: MoveTarget;
}

export interface TimeGridProps {
  columns: GridColumn[];
  timeZone: string;
  hours: Band;
  now: Date;
  /** Day view (doctors side by side: a visit moves only up and down) or week view (days side by side). */
  view: "day" | "week";
  selectedId?: number | null;
  canMove?: (a: CalendarAppointment) => boolean;
  onOpen: (a: CalendarAppointment) => void;
  onMove?: (a: CalendarAppointment, target: MoveTarget) => void;
  /** A free cell was chosen (minutes) or the column's "Book" button (null). */
  onBook?: (column: GridColumn, minutes: number | null) => void;
}

/**
 * The time grid: one column per doctor (day view) or per day (week view), open hours white on
 * a hatched background, time off and closures over them, visits as blocks sized by duration.
 * A block can be dragged (pointer) or moved with the keyboard (M, arrows, Enter; Escape cancels),
 * with what happens spoken in a live region. Either way the new time goes to `onMove` to confirm.
 */
export function TimeGrid({ columns, timeZone, hours, now, view, selectedId, canMove = () => false, onOpen, onMove, onBook }: TimeGridProps) {
  const [announcement, setAnnouncement] = useState("");
  const [keyMove, setKeyMove] = useState<KeyMove | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));
  const height = (hours.end - hours.start) * PX_PER_MINUTE;
  const hourMarks: number[] = [];
  for (let m = hours.start; m <= hours.end; m += 60) hourMarks.push(m);
  const dates = [...new Set(columns.map((c) => c.date))];

  function describe(target: MoveTarget): string {
    return `${view === "week" ? `${formatDay(target.date)}, ` : ""}${formatMinutes(target.minutes)}`;
  }

  function dragEnd(event: DragEndEvent) {
    const block = event.active.data.current?.block as PlacedBlock | undefined;
    const source = event.active.data.current?.column as GridColumn | undefined;
    if (!block || !source || !onMove) return;
    const over = (event.over?.data.current?.column as GridColumn | undefined) ?? source;
    const a = block.appointment;
    if (over.doctorId !== a.doctor_id) {
      setAnnouncement(`A visit stays with its doctor: drop it in ${a.doctor_name}'s column.`);
      return;
    }
    const delta = snap(event.delta.y / PX_PER_MINUTE);
    if (delta === 0 && over.date === source.date) {
      setAnnouncement(`${a.patient_name}'s visit was not moved.`);
      return;
    }
    const target = movedStart(a, delta, timeZone, over.date);
    setAnnouncement(`Dropped ${a.patient_name}'s visit at ${describe(target)}.`);
    onMove(a, target);
  }

  function keyDown(event: KeyboardEvent, a: CalendarAppointment) {
    if (!onMove || !canMove(a)) return;
    if (!keyMove || keyMove.appointment.id !== a.id) {
      if (event.key === "m" || event.key === "M") {
        event.preventDefault();
        const from = wallClock(a.starts_at, timeZone);
        setKeyMove({ appointment: a, target: { ...from, startsAt: a.starts_at } });
        setAnnouncement(`Moving ${a.patient_name}'s visit from ${describe({ ...from, startsAt: a.starts_at })}. Up and down arrows change the time${view === "week" ? ", left and right the day" : ""}; Enter to choose this time, Escape to cancel.`);
      }
      return;
    }
    const { target } = keyMove;
    let next: MoveTarget | null = null;
    const step = event.shiftKey ? 60 : STEP_MINUTES;
    const original = wallClock(a.starts_at, timeZone).minutes;
    switch (event.key) {
      case "ArrowUp":
      case "ArrowDown": {
        const minutes = target.minutes + (event.key === "ArrowUp" ? -step : step);
        if (minutes < hours.start || minutes + STEP_MINUTES > hours.end) {
          setAnnouncement(`The grid ends at ${formatMinutes(event.key === "ArrowUp" ? hours.start : hours.end)}.`);
          event.preventDefault();
          return;
        }
        next = movedStart(a, minutes - original, timeZone, target.date);
        break;
      }
      case "ArrowLeft":
      case "ArrowRight": {
        const index = dates.indexOf(target.date) + (event.key === "ArrowLeft" ? -1 : 1);
        const date = dates[index];
        if (view !== "week" || date === undefined) {
          setAnnouncement(view === "week" ? "No more days in this week." : "In the day view a visit moves only in time: switch to the week view to move it to another day.");
          event.preventDefault();
          return;
        }
        next = movedStart(a, target.minutes - original, timeZone, date);
        break;
      }
      case "Enter":
        event.preventDefault();
        setKeyMove(null);
        if (target.startsAt === a.starts_at) setAnnouncement(`${a.patient_name}'s visit was not moved.`);
        else onMove(a, target);
        return;
      case "Escape":
        event.preventDefault();
        setKeyMove(null);
        setAnnouncement(`Move cancelled. ${a.patient_name}'s visit stays at ${formatClock(a.starts_at, timeZone)}.`);
        return;
      case "Tab":
        setKeyMove(null);
        return;
      default:
        return;
    }
    event.preventDefault();
    setKeyMove({ appointment: a, target: next });
    setAnnouncement(`${describe(next)}`);
  }

  return (
    <DndContext
      sensors={sensors}
      autoScroll={{ threshold: { x: 0.1, y: 0.1 } }}
      modifiers={view === "day" ? [verticalOnly] : []}
      onDragEnd={dragEnd}
      accessibility={{
        screenReaderInstructions: { draggable: "To move this visit with the keyboard press M, then the arrow keys, and Enter to choose the new time; Escape cancels. Enter alone shows its details." },
        announcements: {
          onDragStart: () => "Picked up a visit.",
          onDragOver: () => undefined,
          onDragEnd: () => undefined,
          onDragCancel: () => "Move cancelled.",
        },
      }}
    >
      <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white print:hidden" data-testid="time-grid">
        <div className="flex min-w-max">
          <div className="sticky left-0 z-30 w-16 shrink-0 border-r border-slate-300 bg-white pb-3" aria-hidden>
            <div className="h-14 border-b border-slate-300" />
            <div className="relative" style={{ height }}>
              {hourMarks.map((m) => (
                <span key={m} className="absolute right-1 -translate-y-1/2 text-xs text-slate-600" style={{ top: (m - hours.start) * PX_PER_MINUTE }}>
                  {formatMinutes(m % (24 * 60))}
                </span>
              ))}
            </div>
          </div>
          {columns.map((column) => (
            <Column
              key={column.key}
              column={column}
              timeZone={timeZone}
              hours={hours}
              height={height}
              hourMarks={hourMarks}
              now={now}
              selectedId={selectedId}
              canMove={canMove}
              onOpen={onOpen}
              onBook={onBook}
              onKeyDown={keyDown}
              onLeave={(a) => setKeyMove((k) => (k?.appointment.id === a.id ? null : k))}
              moving={keyMove}
            />
          ))}
        </div>
      </div>
      <p className="sr-only" role="status" aria-live="assertive" data-testid="grid-announcer">
        {announcement}
      </p>
    </DndContext>
  );
}

function Column({
  column,
  timeZone,
  hours,
  height,
  hourMarks,
  now,
  selectedId,
  canMove,
  onOpen,
  onBook,
  onKeyDown,
  onLeave,
  moving,
}: {
  column: GridColumn;
  timeZone: string;
  hours: Band;
  height: number;
  hourMarks: number[];
  now: Date;
  selectedId?: number | null;
  canMove: (a: CalendarAppointment) => boolean;
  onOpen: (a: CalendarAppointment) => void;
  onBook?: (column: GridColumn, minutes: number | null) => void;
  onKeyDown: (event: KeyboardEvent, a: CalendarAppointment) => void;
  onLeave: (a: CalendarAppointment) => void;
  moving: KeyMove | null;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: column.key, data: { column } });
  const y = (minutes: number) => (minutes - hours.start) * PX_PER_MINUTE;
  const open = column.day.open.flatMap((s) => bandOnDay(s, column.date, timeZone) ?? []);
  const blocked = blockedBands(column.day, timeZone);
  const blocks = placeBlocks(column.appointments, column.date, timeZone);
  const cells = onBook ? freeCells(column.day, column.appointments, timeZone) : [];
  const nowMinutes = nowOnDay(now, column.date, timeZone);
  const ghost = moving && moving.appointment.doctor_id === column.doctorId && moving.target.date === column.date ? moving : null;
  const ghostLength = ghost ? Math.max(STEP_MINUTES, ghost.appointment.duration_minutes) : 0;
  const label = `${column.title}${column.subtitle ? `, ${column.subtitle}` : ""}`;

  return (
    <section aria-label={label} className="w-40 shrink-0 border-r border-slate-300 last:border-r-0 lg:w-auto lg:min-w-40 lg:flex-1" data-column={column.key}>
      <header className="h-14 border-b border-slate-300 bg-slate-50 px-2 py-1">
        <h3 className="truncate text-sm font-semibold text-slate-900" title={column.title}>
          {column.title}
        </h3>
        <div className="flex items-center justify-between gap-1">
          <p className="min-w-0 truncate text-xs text-slate-600">
            {column.day.blocked.some((b) => b.kind !== "time_off") ? (
              <span className="font-medium text-rose-800">{column.day.blocked.filter((b) => b.kind !== "time_off").map((b) => b.label || BLOCK_LOOK[b.kind].label).join(", ")}</span>
            ) : (
              column.subtitle
            )}
          </p>
          {onBook && (
            <button type="button" className="shrink-0 rounded border border-slate-300 bg-white px-1.5 text-xs font-medium text-brand-700 hover:bg-brand-50" onClick={() => onBook(column, null)} aria-label={`Book with ${column.doctorName} on ${formatDay(column.date)}`}>
              Book…
            </button>
          )}
        </div>
      </header>
      <div ref={setNodeRef} className={cn("relative bg-slate-100", isOver && "bg-brand-50")} style={{ height, backgroundImage: HATCH }}>
        {open.map((band, i) => (
          <div key={`open-${i}`} className="absolute inset-x-0 bg-white" style={{ top: y(band.start), height: (band.end - band.start) * PX_PER_MINUTE }} aria-hidden />
        ))}
        {hourMarks.map((m) => (
          <div key={`h-${m}`} className="pointer-events-none absolute inset-x-0 border-t border-slate-200" style={{ top: y(m) }} aria-hidden />
        ))}
        {blocked.map((band, i) => (
          <div
            key={`b-${i}`}
            className={cn("absolute inset-x-0 overflow-hidden px-1 text-xs font-medium", BLOCK_LOOK[band.span.kind].className)}
            style={{ top: y(band.start), height: (band.end - band.start) * PX_PER_MINUTE, backgroundImage: HATCH }}
            data-kind={band.span.kind}
          >
            <span className="sr-only">
              {formatMinutes(band.start)} to {formatMinutes(band.end % (24 * 60))}:{" "}
            </span>
            {BLOCK_LOOK[band.span.kind].label}
            {band.span.label ? `: ${band.span.label}` : ""}
          </div>
        ))}
        {onBook &&
          cells.map((m) => (
            <button
              key={`c-${m}`}
              type="button"
              tabIndex={-1}
              className="group absolute inset-x-0 z-10 text-left text-xs text-brand-800 hover:bg-brand-50"
              style={{ top: y(m), height: STEP_MINUTES * PX_PER_MINUTE }}
              aria-label={`Book with ${column.doctorName} on ${formatDay(column.date)} at ${formatMinutes(m)}`}
              onClick={() => onBook(column, m)}
            >
              <span className="invisible px-1 group-hover:visible">+ {formatMinutes(m)}</span>
            </button>
          ))}
        {blocks.map((block) => (
          <Block
            key={block.appointment.id}
            block={block}
            column={column}
            top={y(block.start)}
            timeZone={timeZone}
            selected={selectedId === block.appointment.id}
            movable={canMove(block.appointment)}
            moving={moving?.appointment.id === block.appointment.id}
            onOpen={onOpen}
            onKeyDown={onKeyDown}
            onLeave={onLeave}
          />
        ))}
        {ghost && (
          <div
            className="pointer-events-none absolute inset-x-1 z-30 rounded border-2 border-dashed border-brand-700 bg-brand-100/70 px-1 text-xs font-semibold text-brand-800"
            style={{ top: y(ghost.target.minutes), height: ghostLength * PX_PER_MINUTE - 2 }}
            data-testid="move-ghost"
            aria-hidden
          >
            → {formatMinutes(ghost.target.minutes)}
          </div>
        )}
        {nowMinutes !== null && nowMinutes >= hours.start && nowMinutes <= hours.end && (
          <div className="pointer-events-none absolute inset-x-0 z-40 border-t-2 border-red-600" style={{ top: y(nowMinutes) }} data-testid="now-line" aria-hidden>
            <span className="absolute -top-1.5 -left-1 size-3 rounded-full bg-red-600" />
          </div>
        )}
      </div>
    </section>
  );
}

function Block({
  block,
  column,
  top,
  timeZone,
  selected,
  movable,
  moving,
  onOpen,
  onKeyDown,
  onLeave,
}: {
  block: PlacedBlock;
  column: GridColumn;
  top: number;
  timeZone: string;
  selected: boolean;
  movable: boolean;
  moving: boolean;
  onOpen: (a: CalendarAppointment) => void;
  onKeyDown: (event: KeyboardEvent, a: CalendarAppointment) => void;
  onLeave: (a: CalendarAppointment) => void;
}) {
  const a = block.appointment;
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: `appointment-${a.id}`, data: { block, column }, disabled: !movable });
  const height = Math.max(14, (block.end - block.start) * PX_PER_MINUTE - 2);
  const look = STATUS_LOOK[a.status];
  return (
    <button
      ref={setNodeRef}
      type="button"
      {...attributes}
      {...listeners}
      aria-roledescription={movable ? "movable visit" : "visit"}
      aria-label={blockLabel(a, timeZone)}
      aria-pressed={undefined}
      // dnd-kit marks a visit that may not move as disabled; it still opens its details.
      aria-disabled={undefined}
      className={cn(
        "absolute z-20 overflow-hidden rounded border-l-4 px-1 text-left text-xs leading-tight shadow-sm",
        look.block,
        a.is_overbooked && "outline-2 outline-offset-[-2px] outline-dashed outline-red-700",
        !a.is_overbooked && a.outside_availability && "outline-2 outline-offset-[-2px] outline-dashed outline-amber-700",
        selected && "ring-2 ring-brand-700 ring-offset-1",
        moving && "opacity-60",
        isDragging && "z-50 opacity-80 shadow-lg",
        movable ? "cursor-grab" : "cursor-pointer",
      )}
      style={{
        top,
        height,
        left: `calc(${(block.lane / block.lanes) * 100}% + 2px)`,
        width: `calc(${100 / block.lanes}% - 4px)`,
        transform: CSS.Translate.toString(transform),
        touchAction: "none",
      }}
      data-appointment={a.id}
      data-status={a.status}
      onClick={() => onOpen(a)}
      onKeyDown={(event) => onKeyDown(event, a)}
      onBlur={() => onLeave(a)}
    >
      {a.is_overbooked && (
        <span className="absolute top-0.5 right-0.5 inline-flex size-4 items-center justify-center rounded-full bg-red-700 text-[10px] font-bold text-white no-underline" title="Overbooked" aria-hidden>
          !
        </span>
      )}
      {height < 40 ? (
        <span className="block truncate pr-4">
          <span className="font-semibold">{formatClock(a.starts_at, timeZone)}</span> {a.patient_name}
        </span>
      ) : (
        <>
          <span className="block truncate pr-4 font-semibold">{formatClock(a.starts_at, timeZone)}</span>
          <span className="block truncate">{a.patient_name}</span>
          <span className="block truncate text-[11px] opacity-80">
            {look.label}
            {a.is_overbooked && " · Overbooked"}
          </span>
        </>
      )}
    </button>
  );
}
