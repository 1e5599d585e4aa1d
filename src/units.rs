//! Units on the ground floor: how money, percentages and whole numbers
//! read and are typed, for every floor above (validation's messages, the
//! app's inputs and cards, the CLI, the report). `$1,234,567` in inputs,
//! `$1.2M` / `$850k` on charts and cards, "85k" and "1.2m" accepted.
//! Nothing here knows a plan.

/// `$1,234,567` (whole dollars; negatives with a minus sign).
pub fn usd(value: f64) -> String {
    if !value.is_finite() {
        return format!("${value}");
    }
    let rounded = value.abs().round() as u128;
    let digits = rounded.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if value < 0.0 && rounded > 0 { "-" } else { "" };
    format!("{sign}${grouped}")
}

/// Money in a sentence, as precise as it is meaningful: `$41,000` (to
/// the thousand from $10,000), `$120` (to ten dollars below).
pub fn usd_about(value: f64) -> String {
    let step = if value.abs() >= 10_000.0 {
        1_000.0
    } else {
        10.0
    };
    usd((value / step).round() * step)
}

/// A change in probability points: "+4 points", "-1 point", "same".
pub fn points(change: f64) -> String {
    let p = (change * 100.0).round();
    let unit = if p.abs() == 1.0 { "point" } else { "points" };
    if p == 0.0 {
        "same".to_owned()
    } else {
        format!("{p:+.0} {unit}")
    }
}

/// A change of money, short, with its sign: "+$8.2k", "-$1.2k".
pub fn signed_usd(value: f64) -> String {
    if value >= 0.0 {
        format!("+{}", usd_short(value))
    } else {
        usd_short(value)
    }
}

/// `$1.2M`, `$850k`, `$900`: short money for axes and cards.
pub fn usd_short(value: f64) -> String {
    let sign = if value < 0.0 { "-" } else { "" };
    let v = value.abs();
    if v >= 999_500.0 {
        let m = v / 1e6;
        let text = if m >= 100.0 {
            format!("{m:.0}")
        } else if m >= 10.0 {
            format!("{m:.1}")
        } else {
            format!("{m:.2}")
        };
        format!("{sign}${}M", trim_zeros(&text))
    } else if v >= 9_950.0 {
        format!("{sign}${:.0}k", v / 1e3)
    } else if v >= 1_000.0 {
        format!("{sign}${}k", trim_zeros(&format!("{:.1}", v / 1e3)))
    } else {
        format!("{sign}${v:.0}")
    }
}

fn trim_zeros(text: &str) -> &str {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        text
    }
}

/// Reads "85,000", "$85k", "1.2m", "85000": `None` if it is not money.
pub fn parse_usd(text: &str) -> Option<f64> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '$' | ' ' | '_'))
        .collect::<String>()
        .to_lowercase();
    let (number, factor) = if let Some(n) = cleaned.strip_suffix('k') {
        (n, 1e3)
    } else if let Some(n) = cleaned.strip_suffix('m') {
        (n, 1e6)
    } else if let Some(n) = cleaned.strip_suffix('b') {
        (n, 1e9)
    } else {
        (cleaned.as_str(), 1.0)
    };
    let value = number.parse::<f64>().ok()? * factor;
    value.is_finite().then_some(value)
}

/// A share as a percentage with the precision that is true: `8%`, `2.5%`, `0.26%`.
pub fn percent(share: f64) -> String {
    let p = share * 100.0;
    let text = if p == p.round() {
        format!("{p:.0}")
    } else if (p * 10.0) == (p * 10.0).round() {
        format!("{p:.1}")
    } else {
        format!("{p:.2}")
    };
    format!("{}%", trim_zeros(&text))
}

/// Reads "8", "8%", "8.5 %" as a share (0.08): `None` if it is not a number.
pub fn parse_percent(text: &str) -> Option<f64> {
    let value = text
        .trim()
        .trim_end_matches('%')
        .trim()
        .parse::<f64>()
        .ok()?
        / 100.0;
    value.is_finite().then_some(value)
}

/// A share as a percentage with every digit it has, to a millionth of a
/// point: 0.08 is "8%", 0.123456 is "12.3456%". Validation says what was
/// typed this way, so "must be at most 100% (is 100.5%)" never rounds the
/// mistake away.
pub fn percent_exact(share: f64) -> String {
    let percent = share * 100.0;
    if !percent.is_finite() {
        // A message never says "inf%" or "NaN%".
        return "not a finite number".to_owned();
    }
    if percent.abs() >= 1e6 {
        // Beyond a million percent the digits say nothing: the magnitude.
        return format!("{percent:.1e}%");
    }
    format!("{}%", (percent * 1e6).round() / 1e6)
}

/// A whole number with thousands separators above 9,999: "1,000,000";
/// "2026" stays as a year is written.
pub fn grouped(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    if digits.len() <= 4 {
        return value.to_string();
    }
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if value < 0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exact_percent_is_never_inf_or_two_hundred_digits() {
        assert_eq!(percent_exact(0.123456), "12.3456%");
        assert_eq!(percent_exact(f64::INFINITY), "not a finite number");
        assert_eq!(percent_exact(f64::NAN), "not a finite number");
        assert_eq!(percent_exact(1e300), "1.0e302%");
    }

    #[test]
    fn money_reads_and_writes_as_people_do() {
        assert_eq!(usd(1_234_567.4), "$1,234,567");
        assert_eq!(usd(999.0), "$999");
        assert_eq!(usd(0.0), "$0");
        assert_eq!(usd(-85_000.0), "-$85,000");
        assert_eq!(usd_short(1_234_567.0), "$1.23M");
        assert_eq!(usd_short(12_500_000.0), "$12.5M");
        assert_eq!(usd_short(850_000.0), "$850k");
        assert_eq!(usd_short(5_416.67), "$5.4k");
        assert_eq!(usd_short(5_000.0), "$5k");
        assert_eq!(usd_short(9_990.0), "$10k");
        assert_eq!(usd_short(2_000_000.0), "$2M");
        assert_eq!(usd_about(41_234.0), "$41,000");
        assert_eq!(usd_about(-234_190.1), "-$234,000");
        assert_eq!(usd_about(119.7), "$120");
        assert_eq!(usd_about(4.0), "$0");
        assert_eq!(parse_usd("85,000"), Some(85_000.0));
        assert_eq!(parse_usd("$85k"), Some(85_000.0));
        assert_eq!(parse_usd("1.2m"), Some(1_200_000.0));
        assert_eq!(parse_usd("lots"), None);
        assert_eq!(parse_usd("inf"), None);
    }

    #[test]
    fn a_point_is_singular() {
        assert_eq!(points(0.01), "+1 point");
        assert_eq!(points(-0.04), "-4 points");
        assert_eq!(points(0.001), "same");
    }

    #[test]
    fn percentages_show_their_true_precision() {
        assert_eq!(percent(0.08), "8%");
        assert_eq!(percent(0.025), "2.5%");
        assert_eq!(percent(0.0026), "0.26%");
        assert_eq!(parse_percent("8%"), Some(0.08));
        assert_eq!(parse_percent(" 12.5 "), Some(0.125));
        assert_eq!(parse_percent("x"), None);
        assert_eq!(percent_exact(0.123456), "12.3456%");
        assert_eq!(grouped(2026), "2026");
        assert_eq!(grouped(-1_234_567), "-1,234,567");
    }
}
