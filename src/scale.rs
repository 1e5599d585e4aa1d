//! Axis scales: "nice" steps (1, 2 or 5 times a power of ten), the marks
//! at them, and the top of a money axis, shared by the app's charts and
//! the report's figures so both choose their marks alike.

/// The step between axis marks over `span` that gives at most
/// `max_marks` intervals: 1, 2 or 5 times a power of ten.
pub fn nice_step(span: f64, max_marks: usize) -> f64 {
    let raw = (span / max_marks.max(1) as f64).max(f64::MIN_POSITIVE);
    let power = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|step| *step >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * power)
}

/// The marks from `low` to `high` at a nice step, at most `max_marks` + 1.
pub fn marks(low: f64, high: f64, max_marks: usize) -> Vec<f64> {
    if !(low.is_finite() && high.is_finite()) || high <= low {
        return vec![low];
    }
    let step = nice_step(high - low, max_marks);
    let first = (low / step).ceil() as i64;
    let last = (high / step + 1e-9).floor() as i64;
    (first..=last).map(|k| k as f64 * step).collect()
}

/// The top of a money axis: the highest value rounded up to a nice step,
/// at least $1.
pub fn money_top(highest_usd: f64, max_marks: usize) -> f64 {
    let highest = if highest_usd.is_finite() {
        highest_usd.max(1.0)
    } else {
        1.0
    };
    let step = nice_step(highest, max_marks);
    (highest / step - 1e-9).ceil() * step
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_nice_and_bounded() {
        assert_eq!(nice_step(1_000_000.0, 6), 200_000.0);
        assert_eq!(nice_step(100.0, 5), 20.0);
        assert_eq!(nice_step(60.0, 6), 10.0);
        assert_eq!(nice_step(7.0, 10), 1.0);
        for span in [1.0, 3.3, 47.0, 1234.5, 9.9e6, 2.2e9] {
            for max in [3, 5, 8] {
                let m = marks(0.0, span, max);
                assert!(m.len() <= max + 1, "{span} {max}: {m:?}");
                assert!(m.len() >= 2, "{span} {max}: {m:?}");
                assert!(m.iter().all(|v| *v >= 0.0));
            }
        }
        assert_eq!(
            marks(35.0, 95.0, 6),
            vec![40.0, 50.0, 60.0, 70.0, 80.0, 90.0]
        );
        assert_eq!(money_top(1_730_000.0, 5), 2_000_000.0);
        assert_eq!(money_top(0.0, 5), 1.0);
    }
}
