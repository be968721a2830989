//! Invoice numbers: the human name of a bill, `INV-<year issued>-<sequence>` with the sequence
//! zero-padded to at least six digits (`INV-2026-000123`). The store assigns the number in the
//! bill's insert, from one sequence, so numbers never repeat; its SQL twin is the migration's
//! `bill_invoice_number(issued, seq)` and a test checks both spell it alike.

/// Digits the sequence is padded to.
pub const INVOICE_SEQUENCE_DIGITS: usize = 6;

/// The invoice number of the `sequence`-th bill, issued in `year`.
#[must_use]
pub fn invoice_number(year: i32, sequence: u64) -> String {
    format!(
        "INV-{year:04}-{sequence:0width$}",
        width = INVOICE_SEQUENCE_DIGITS
    )
}

/// Whether `text` is spelled as an invoice number (any case of the `INV` prefix is not
/// accepted: numbers are shown and stored in capitals).
#[must_use]
pub fn is_invoice_number(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("INV-") else {
        return false;
    };
    let Some((year, sequence)) = rest.split_once('-') else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    year.len() == 4 && digits(year) && sequence.len() >= INVOICE_SEQUENCE_DIGITS && digits(sequence)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invoice_number_is_the_year_and_a_six_digit_sequence() {
        assert_eq!(invoice_number(2026, 123), "INV-2026-000123");
        assert_eq!(invoice_number(2027, 1), "INV-2027-000001");
    }

    #[test]
    fn a_sequence_past_six_digits_grows_rather_than_wraps() {
        assert_eq!(invoice_number(2026, 1_234_567), "INV-2026-1234567");
        assert!(is_invoice_number(&invoice_number(2026, 1_234_567)));
    }

    #[test]
    fn only_the_invoice_spelling_is_an_invoice_number() {
        assert!(is_invoice_number("INV-2026-000123"));
        for not in [
            "",
            "INV-2026-123",
            "inv-2026-000123",
            "INV-26-000123",
            "INV-2026-00012a",
            "INV-2026000123",
            "2026-000123",
        ] {
            assert!(!is_invoice_number(not), "{not:?}");
        }
    }
}
