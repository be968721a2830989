"""Parses an iCalendar stream from stdin with `icalendar` and prints it as JSON.

Exits 1 with a message when the text breaks RFC 5545's framing (lines not ended by CRLF,
content lines over 75 octets) or when the parser reports an error in any component.
"""

import json
import sys

import icalendar


def fail(message):
    print(message, file=sys.stderr)
    sys.exit(1)


def text(component, name):
    value = component.get(name)
    return None if value is None else str(value)


def moment(component, name):
    value = component.get(name)
    return None if value is None else value.dt.isoformat()


def main():
    raw = sys.stdin.buffer.read()
    if not raw.endswith(b"\r\n"):
        fail("the calendar does not end with CRLF")
    for number, line in enumerate(raw.split(b"\r\n")[:-1], start=1):
        if b"\n" in line or b"\r" in line:
            fail(f"line {number} has a bare line break")
        if len(line) > 75:
            fail(f"line {number} is {len(line)} octets long")
    calendars = icalendar.Calendar.from_ical(raw, multiple=True)
    if len(calendars) != 1:
        fail(f"expected one VCALENDAR, found {len(calendars)}")
    calendar = calendars[0]
    errors = [f"{c.name}: {e}" for c in calendar.walk() for e in getattr(c, "errors", [])]
    if errors:
        fail("parse errors: " + "; ".join(errors))
    events = []
    for event in calendar.walk("VEVENT"):
        sequence = event.get("SEQUENCE")
        events.append(
            {
                "uid": text(event, "UID"),
                "summary": text(event, "SUMMARY"),
                "location": text(event, "LOCATION"),
                "description": text(event, "DESCRIPTION"),
                "status": text(event, "STATUS"),
                "sequence": None if sequence is None else int(sequence),
                "dtstart": moment(event, "DTSTART"),
                "dtend": moment(event, "DTEND"),
                "dtstamp": moment(event, "DTSTAMP"),
            }
        )
    print(
        json.dumps(
            {
                "version": text(calendar, "VERSION"),
                "prodid": text(calendar, "PRODID"),
                "method": text(calendar, "METHOD"),
                "name": text(calendar, "X-WR-CALNAME"),
                "events": events,
            }
        )
    )


if __name__ == "__main__":
    main()
