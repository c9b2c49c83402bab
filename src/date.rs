//! Dates as Vietnamese offices write and read them.

use chrono::{Datelike, NaiveDate};

/// Parses `2007-04-13`, `2007-04-13T08:00:00…`, `13/4/2007`, `13/04/2007` or `13-04-2007`
/// (day first, as in Vietnamese documents).
pub fn parse(value: &str) -> Option<NaiveDate> {
    let v = value.trim();
    // ISO date, possibly followed by a time we do not need.
    if v.len() >= 10 && v.as_bytes()[4] == b'-' {
        // `get` rather than `split_at`: a typo may put a multi-byte letter at byte 10.
        let (Some(day), Some(rest)) = (v.get(..10), v.get(10..)) else { return None };
        if rest.is_empty() || rest.starts_with(['T', ' ', 't']) {
            return NaiveDate::parse_from_str(day, "%Y-%m-%d").ok();
        }
        return None;
    }
    let parts: Vec<&str> = v.split(['/', '-', '.']).collect();
    if let [d, m, y] = parts[..] {
        if y.len() == 4 && (1..=2).contains(&d.len()) && (1..=2).contains(&m.len()) {
            let (d, m, y) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
            return NaiveDate::from_ymd_opt(y, m, d);
        }
    }
    None
}

/// A date written in YAML: `Ok(None)` when empty, `Err(text)` when it is not a date.
/// (serde_yaml reads `2007-04-13` as a string, but `2007` as a number.)
pub fn from_yaml(value: &serde_yaml::Value) -> Result<Option<NaiveDate>, String> {
    let text = match value {
        serde_yaml::Value::Null => return Ok(None),
        serde_yaml::Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other).unwrap_or_default().trim().to_owned(),
    };
    parse(&text).map(Some).ok_or(text)
}

/// Weekday names as printed on Vietnamese calendars.
pub fn weekday(date: NaiveDate) -> &'static str {
    match date.weekday().num_days_from_monday() {
        0 => "Thứ Hai",
        1 => "Thứ Ba",
        2 => "Thứ Tư",
        3 => "Thứ Năm",
        4 => "Thứ Sáu",
        5 => "Thứ Bảy",
        _ => "Chủ nhật",
    }
}

/// Formats a date: `short` 13/04/2007, `long` ngày 13 tháng 4 năm 2007,
/// `full` Thứ Sáu, ngày 13 tháng 4 năm 2007, `weekday` Thứ Sáu, `iso` 2007-04-13.
pub fn format(date: NaiveDate, style: &str) -> Option<String> {
    let (d, m, y) = (date.day(), date.month(), date.year());
    Some(match style {
        "short" => format!("{d:02}/{m:02}/{y}"),
        "long" => format!("ngày {d} tháng {m} năm {y}"),
        "full" => format!("{}, ngày {d} tháng {m} năm {y}", weekday(date)),
        "weekday" => weekday(date).to_owned(),
        "iso" => date.format("%Y-%m-%d").to_string(),
        // Nghị định 30/2020 (facts-vi.md B1.4): a zero before days under 10 and months 1 and 2.
        "official" => {
            let month = if m <= 2 { format!("{m:02}") } else { m.to_string() };
            format!("ngày {d:02} tháng {month} năm {y}")
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_iso_and_day_first_dates() {
        let want = NaiveDate::from_ymd_opt(2007, 4, 13);
        for v in ["2007-04-13", "13/4/2007", "13/04/2007", "13-04-2007", "2007-04-13T08:30:00+07:00"] {
            assert_eq!(parse(v), want, "{v}");
        }
        for v in
            ["2024-13-01", "31/02/2023", "2007/04/13", "April 13", "", "13/4/07", "2007-04-1ố", "2007-04-13ố"]
        {
            assert_eq!(parse(v), None, "{v}");
        }
    }

    #[test]
    fn formats_in_vietnamese() {
        let d = NaiveDate::from_ymd_opt(2007, 4, 13).unwrap();
        assert_eq!(format(d, "short").unwrap(), "13/04/2007");
        assert_eq!(format(d, "long").unwrap(), "ngày 13 tháng 4 năm 2007");
        assert_eq!(format(d, "full").unwrap(), "Thứ Sáu, ngày 13 tháng 4 năm 2007");
        let sunday = NaiveDate::from_ymd_opt(2023, 3, 5).unwrap();
        assert_eq!(format(sunday, "weekday").unwrap(), "Chủ nhật");
        assert_eq!(format(sunday, "official").unwrap(), "ngày 05 tháng 3 năm 2023");
        let feb = NaiveDate::from_ymd_opt(2023, 2, 1).unwrap();
        assert_eq!(format(feb, "official").unwrap(), "ngày 01 tháng 02 năm 2023");
    }
}
