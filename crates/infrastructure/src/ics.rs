//! iCalendar (RFC 5545) text of the clinic's calendars: one visit (a download or an email's
//! attachment) and a doctor's feed.
//!
//! A small writer rather than a crate: we emit one shape of `VEVENT`, and the three rules that
//! matter are here and tested: lines end in CRLF and are folded at 75 octets (never inside a
//! UTF-8 character), TEXT values escape `\`, `;`, `,` and newlines, and times are UTC
//! (`...Z`), so no `VTIMEZONE` is needed. The HTTP tests parse the output with a real parser
//! (PyPI's `icalendar`).

use chrono::{DateTime, Utc};
use clinic_domain::calendar_feeds::VisitEvent;

/// The `PRODID` of every calendar the clinic writes.
pub const PRODID: &str = "-//Clinic//Clinic appointments//EN";

/// The media type of an iCalendar file.
pub const CONTENT_TYPE: &str = "text/calendar; charset=utf-8";

/// The iTIP method (RFC 5546) a calendar is sent with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarMethod {
    /// Published for reading: a download or a feed (no organizer needed).
    Publish,
    /// An invitation sent by the office (an email), with the office as organizer.
    Request,
    /// A cancellation of a visit sent before.
    Cancel,
}

impl CalendarMethod {
    /// The method a single visit's file has when nothing else is asked: `CANCEL` for a
    /// cancelled visit, else `PUBLISH`.
    #[must_use]
    pub fn for_download(event: &VisitEvent) -> Self {
        if event.cancelled {
            Self::Cancel
        } else {
            Self::Publish
        }
    }

    /// The method an email about a visit carries: `CANCEL` for a cancelled visit, else
    /// `REQUEST`.
    #[must_use]
    pub fn for_email(event: &VisitEvent) -> Self {
        if event.cancelled {
            Self::Cancel
        } else {
            Self::Request
        }
    }

    /// The method as iTIP names it.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Publish => "PUBLISH",
            Self::Request => "REQUEST",
            Self::Cancel => "CANCEL",
        }
    }
}

/// A calendar of one visit, sent with `method` (see [`CalendarMethod::for_download`] and
/// [`CalendarMethod::for_email`]). A cancelled visit says `STATUS:CANCELLED`.
#[must_use]
pub fn visit_calendar(event: &VisitEvent, method: CalendarMethod) -> String {
    let mut out = Writer::default();
    out.begin_calendar(method, None);
    out.event(event, method);
    out.end_calendar()
}

/// A doctor's feed: every event given, published under `name`.
#[must_use]
pub fn feed_calendar(name: &str, events: &[VisitEvent]) -> String {
    let mut out = Writer::default();
    out.begin_calendar(CalendarMethod::Publish, Some(name));
    for event in events {
        out.event(event, CalendarMethod::Publish);
    }
    out.end_calendar()
}

#[derive(Default)]
struct Writer {
    out: String,
}

impl Writer {
    fn begin_calendar(&mut self, method: CalendarMethod, name: Option<&str>) {
        self.line("BEGIN:VCALENDAR");
        self.line("VERSION:2.0");
        self.line(&format!("PRODID:{PRODID}"));
        self.line("CALSCALE:GREGORIAN");
        self.line(&format!("METHOD:{}", method.as_str()));
        if let Some(name) = name {
            self.line(&format!("X-WR-CALNAME:{}", text(name)));
            // Calendar apps poll a feed about this often (RFC 7986 and the common extension).
            self.line("REFRESH-INTERVAL;VALUE=DURATION:PT1H");
            self.line("X-PUBLISHED-TTL:PT1H");
        }
    }

    fn end_calendar(mut self) -> String {
        self.line("END:VCALENDAR");
        self.out
    }

    fn event(&mut self, event: &VisitEvent, method: CalendarMethod) {
        self.line("BEGIN:VEVENT");
        self.line(&format!("UID:{}", text(&event.uid())));
        self.line(&format!("DTSTAMP:{}", utc(event.stamp)));
        self.line(&format!("DTSTART:{}", utc(event.starts_at)));
        self.line(&format!("DTEND:{}", utc(event.ends_at)));
        self.line(&format!("SEQUENCE:{}", event.sequence));
        self.line(&format!("LAST-MODIFIED:{}", utc(event.last_modified)));
        self.line(&format!("SUMMARY:{}", text(&event.summary)));
        self.line(&format!("LOCATION:{}", text(&event.location)));
        self.line(&format!("DESCRIPTION:{}", text(&event.description)));
        if method != CalendarMethod::Publish
            && let Some(email) = &event.organizer_email
        {
            self.line(&format!(
                "ORGANIZER;CN={}:mailto:{}",
                param(&event.organizer_name),
                email.trim()
            ));
        }
        let status = if event.cancelled {
            "CANCELLED"
        } else {
            "CONFIRMED"
        };
        self.line(&format!("STATUS:{status}"));
        self.line("TRANSP:OPAQUE");
        self.line("CLASS:PRIVATE");
        self.line("END:VEVENT");
    }

    /// Appends one content line, folded and ended with CRLF.
    fn line(&mut self, content: &str) {
        fold_into(&mut self.out, content);
    }
}

/// A UTC date-time in the basic format, `19970714T173000Z`.
fn utc(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines escaped; other
/// control characters, which TEXT may not hold, dropped.
#[must_use]
pub fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value: quoted (it may hold `:`, `;` or `,`), without the double quotes and
/// control characters a parameter may not contain.
fn param(value: &str) -> String {
    let clean: String = value
        .chars()
        .filter(|c| *c != '"' && !c.is_control())
        .collect();
    format!("\"{clean}\"")
}

/// The longest a content line may be, in octets, without its CRLF.
const MAX_LINE_OCTETS: usize = 75;

/// Appends `content` folded to lines of at most 75 octets (a continuation line starts with one
/// space, which counts), never splitting a UTF-8 character, each ended with CRLF.
fn fold_into(out: &mut String, content: &str) {
    let mut budget = MAX_LINE_OCTETS;
    let mut used = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if used + len > budget {
            out.push_str("\r\n ");
            // The leading space takes one octet of the next line.
            budget = MAX_LINE_OCTETS - 1;
            used = 0;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
}

/// A file name for a visit's calendar, e.g. `appointment-42.ics`.
#[must_use]
pub fn visit_file_name(event: &VisitEvent) -> String {
    format!("appointment-{}.ics", event.appointment_id)
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};

    use super::*;

    fn event(summary: &str) -> VisitEvent {
        let start = Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap();
        VisitEvent {
            appointment_id: 42,
            starts_at: start,
            ends_at: start + Duration::minutes(30),
            summary: summary.into(),
            location: "Main Street Clinic, 1 Main St, Springfield".into(),
            description: "Line one\nline two; with, punctuation \\ done".into(),
            organizer_email: Some("front@clinic.example".into()),
            organizer_name: "Main Street Clinic".into(),
            cancelled: false,
            sequence: 7,
            last_modified: start - Duration::days(1),
            stamp: start - Duration::hours(2),
        }
    }

    fn unfold(ics: &str) -> String {
        ics.replace("\r\n ", "")
    }

    #[test]
    fn every_line_ends_in_crlf_and_no_bare_newline_is_left() {
        let ics = visit_calendar(&event("Appointment"), CalendarMethod::Publish);
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert_eq!(ics.matches('\n').count(), ics.matches("\r\n").count());
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let summary = "Überweisung für Zoë Ñúñez — ".repeat(8);
        let ics = visit_calendar(&event(&summary), CalendarMethod::Publish);
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        assert!(ics.contains("\r\n "), "the summary was folded");
        assert!(unfold(&ics).contains(&format!("SUMMARY:{summary}\r\n")));
    }

    #[test]
    fn text_escapes_backslash_semicolon_comma_and_newlines() {
        assert_eq!(text("a\\b;c,d\ne\r\nf\rg"), "a\\\\b\\;c\\,d\\ne\\nf\\ng");
        assert_eq!(text("bell\u{7}less"), "bellless");
        let ics = unfold(&visit_calendar(&event("x"), CalendarMethod::Publish));
        assert!(
            ics.contains("DESCRIPTION:Line one\\nline two\\; with\\, punctuation \\\\ done\r\n")
        );
        assert!(ics.contains("LOCATION:Main Street Clinic\\, 1 Main St\\, Springfield\r\n"));
    }

    #[test]
    fn the_event_has_a_stable_uid_utc_times_a_stamp_and_a_sequence() {
        let first = visit_calendar(&event("Appointment"), CalendarMethod::Publish);
        let mut later = event("Appointment");
        later.stamp += Duration::hours(1);
        let second = visit_calendar(&later, CalendarMethod::Publish);
        let uid = |ics: &str| {
            ics.lines()
                .find(|l| l.starts_with("UID:"))
                .map(str::to_owned)
        };
        assert_eq!(uid(&first), Some("UID:appointment-42@clinic".into()));
        assert_eq!(uid(&first), uid(&second));
        assert!(first.contains("DTSTART:20261203T090000Z\r\n"));
        assert!(first.contains("DTEND:20261203T093000Z\r\n"));
        assert!(first.contains("DTSTAMP:20261203T070000Z\r\n"));
        assert!(first.contains("SEQUENCE:7\r\n"));
        assert!(first.contains("METHOD:PUBLISH\r\n"));
        assert!(first.contains("STATUS:CONFIRMED\r\n"));
        assert!(
            !first.contains("ORGANIZER"),
            "a download needs no organizer"
        );
    }

    #[test]
    fn a_cancelled_visit_is_sent_as_a_cancellation() {
        let mut cancelled = event("Appointment");
        cancelled.cancelled = true;
        assert_eq!(
            CalendarMethod::for_download(&cancelled),
            CalendarMethod::Cancel
        );
        let ics = visit_calendar(&cancelled, CalendarMethod::for_email(&cancelled));
        assert!(ics.contains("METHOD:CANCEL\r\n"));
        assert!(ics.contains("STATUS:CANCELLED\r\n"));
        assert!(
            ics.contains("ORGANIZER;CN=\"Main Street Clinic\":mailto:front@clinic.example\r\n")
        );
        let active = event("Appointment");
        assert_eq!(CalendarMethod::for_email(&active), CalendarMethod::Request);
    }

    #[test]
    fn a_feed_holds_every_event_under_its_name() {
        let mut second = event("Appointment");
        second.appointment_id = 43;
        let ics = feed_calendar("Clinic: Greg House", &[event("Appointment"), second]);
        assert_eq!(ics.matches("BEGIN:VEVENT\r\n").count(), 2);
        assert!(ics.contains("X-WR-CALNAME:Clinic: Greg House\r\n"));
        assert!(ics.contains("UID:appointment-43@clinic\r\n"));
        let empty = feed_calendar("Clinic: Greg House", &[]);
        assert!(!empty.contains("VEVENT"));
    }
}
