"use client";

import { useEffect, useId, useRef, useState } from "react";
import { DayPicker, type DateRange } from "react-day-picker";
import "react-day-picker/style.css";
import { formatTime, timeZoneLabel } from "@/lib/format";

const CALENDAR_STYLE = {
  "--rdp-accent-color": "#0064c8",
  "--rdp-accent-background-color": "#eff3f8",
  "--rdp-day-height": "30px",
  "--rdp-day-width": "32px",
  "--rdp-day_button-height": "28px",
  "--rdp-day_button-width": "30px",
  "--rdp-day_button-border-radius": "2px",
  "--rdp-nav-height": "28px",
  fontSize: 12,
} as React.CSSProperties;

export interface TimeRange {
  from?: Date;
  to?: Date;
}

const pad = (n: number) => String(n).padStart(2, "0");
const timeOf = (d: Date | undefined, fallback: string) =>
  d ? `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` : fallback;

/** A day (local) at an "HH:mm[:ss]" time. */
function at(day: Date, time: string): Date {
  const [h = 0, m = 0, s = 0] = time.split(":").map(Number);
  const d = new Date(day);
  d.setHours(h, m, s, 0);
  return d;
}

/**
 * Console date-time range filter: a field showing "from ~ to" that opens two months of calendar
 * (react-day-picker, range mode) with a start and an end time; OK applies, Clear removes the
 * filter. Times are the viewer's local time, named by its time zone.
 */
export function DateTimeRangePicker({
  label,
  value,
  onChange,
}: {
  label: string;
  value: TimeRange;
  onChange: (range: TimeRange) => void;
}) {
  const [open, setOpen] = useState(false);
  const [days, setDays] = useState<DateRange | undefined>();
  const [startTime, setStartTime] = useState("00:00:00");
  const [endTime, setEndTime] = useState("23:59:59");
  const root = useRef<HTMLDivElement>(null);
  const id = useId();

  const show = () => {
    setDays(value.from ? { from: value.from, to: value.to } : undefined);
    setStartTime(timeOf(value.from, "00:00:00"));
    setEndTime(timeOf(value.to, "23:59:59"));
    setOpen(true);
  };

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    document.addEventListener("mousedown", onDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  const apply = () => {
    if (days?.from) onChange({ from: at(days.from, startTime), to: at(days.to ?? days.from, endTime) });
    else onChange({});
    setOpen(false);
  };

  const text = value.from ? `${formatTime(value.from.toISOString(), { zone: false })} ~ ${formatTime(value.to?.toISOString(), { zone: false })}` : "";

  return (
    <div ref={root} className="relative flex items-center gap-2">
      <span id={`${id}-label`}>{label}</span>
      <button
        type="button"
        className="input flex w-[300px] items-center justify-between text-left"
        aria-haspopup="dialog"
        aria-expanded={open}
        id={`${id}-value`}
        aria-labelledby={`${id}-label ${id}-value`}
        onClick={() => (open ? setOpen(false) : show())}
      >
        <span className={text ? "text-text" : "text-text-4"}>{text || "Start date ~ End date"}</span>
        <span aria-hidden className="text-text-3">
          ▾
        </span>
      </button>
      {open && (
        <div
          role="dialog"
          aria-label={label}
          className="absolute left-0 top-[36px] z-30 w-max rounded-[4px] border border-line-2 bg-white p-3 shadow-md"
        >
          <DayPicker
            mode="range"
            numberOfMonths={2}
            selected={days}
            onSelect={setDays}
            defaultMonth={days?.from}
            // The console's blue and 12 px density (the library's variables live on its root).
            style={CALENDAR_STYLE}
          />
          <div className="mt-2 flex flex-wrap items-center gap-3 border-t border-line-2 pt-3">
            <label className="flex items-center gap-2">
              <span>Start time</span>
              <input type="time" step={1} className="input w-[120px]" value={startTime} onChange={(e) => setStartTime(e.target.value)} />
            </label>
            <label className="flex items-center gap-2">
              <span>End time</span>
              <input type="time" step={1} className="input w-[120px]" value={endTime} onChange={(e) => setEndTime(e.target.value)} />
            </label>
            <span className="text-text-3">{timeZoneLabel()}</span>
          </div>
          <div className="mt-3 flex gap-2">
            <button type="button" className="btn btn-primary h-7" disabled={!days?.from} onClick={apply}>
              OK
            </button>
            <button
              type="button"
              className="btn h-7"
              onClick={() => {
                onChange({});
                setOpen(false);
              }}
            >
              Clear
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
