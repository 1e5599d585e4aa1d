//! Percentiles as the model defines them: linear interpolation between order
//! statistics at rank `p/100·(N-1)` (numpy's default), so independent checks
//! agree to the last digits.

use serde::Serialize;

/// The percentiles every band and figure reports.
pub const LEVELS: [f64; 7] = [5.0, 10.0, 25.0, 50.0, 75.0, 90.0, 95.0];

/// One value (or one series) per percentile level.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[allow(missing_docs)] // p5 is the 5th percentile, and so on
pub struct Percentiles<T> {
    pub p5: T,
    pub p10: T,
    pub p25: T,
    pub p50: T,
    pub p75: T,
    pub p90: T,
    pub p95: T,
}

impl<T> Percentiles<T> {
    /// From values in the order of [`LEVELS`].
    pub fn from_array([p5, p10, p25, p50, p75, p90, p95]: [T; 7]) -> Self {
        Percentiles {
            p5,
            p10,
            p25,
            p50,
            p75,
            p90,
            p95,
        }
    }

    /// The values in the order of [`LEVELS`].
    pub fn as_array(&self) -> [&T; 7] {
        [
            &self.p5, &self.p10, &self.p25, &self.p50, &self.p75, &self.p90, &self.p95,
        ]
    }
}

impl Percentiles<Vec<f64>> {
    /// The percentiles at one index of every series (one age of the bands).
    pub fn at(&self, index: usize) -> Option<Percentiles<f64>> {
        let values = self.as_array().map(|series| series.get(index).copied());
        let [a, b, c, d, e, f, g] = values;
        Some(Percentiles::from_array([a?, b?, c?, d?, e?, f?, g?]))
    }
}

/// The `p`-th percentile of sorted values.
pub fn percentile_of_sorted(sorted: &[f64], p: f64) -> f64 {
    let Some(&last) = sorted.last() else {
        return f64::NAN;
    };
    let rank = p / 100.0 * (sorted.len() - 1) as f64;
    let lo = rank.floor() as usize;
    if lo + 1 >= sorted.len() {
        return last;
    }
    lerp(sorted[lo], sorted[lo + 1], rank - lo as f64)
}

/// numpy's interpolation between neighbours, stable at either end.
fn lerp(a: f64, b: f64, t: f64) -> f64 {
    if t < 0.5 {
        a + (b - a) * t
    } else {
        b - (b - a) * (1.0 - t)
    }
}

/// The [`LEVELS`] percentiles of `values`, reordering them in place.
///
/// Runs in linear time by selection rather than a sort: the engine computes
/// one set per age of every run while a slider moves.
pub fn percentiles(values: &mut [f64]) -> Percentiles<f64> {
    let n = values.len();
    if n == 0 {
        return Percentiles::from_array([f64::NAN; 7]);
    }
    // Each level needs the order statistics at floor(rank) and the one above.
    let ranks = LEVELS.map(|p| p / 100.0 * (n - 1) as f64);
    let mut needed: Vec<usize> = ranks
        .iter()
        .flat_map(|r| {
            let lo = r.floor() as usize;
            [lo, (lo + 1).min(n - 1)]
        })
        .collect();
    needed.sort_unstable();
    needed.dedup();
    select_all(values, &needed);
    Percentiles::from_array(ranks.map(|rank| {
        let lo = rank.floor() as usize;
        let frac = rank - lo as f64;
        if frac == 0.0 || lo + 1 >= n {
            values[lo]
        } else {
            lerp(values[lo], values[lo + 1], frac)
        }
    }))
}

/// Puts the order statistic of every index in `ranks` (ascending) in its
/// place. The values are turned into integers that sort as the floats do
/// (integer comparisons are cheaper than `total_cmp`), selected, and
/// turned back.
fn select_all(values: &mut [f64], ranks: &[usize]) {
    let mut keys: Vec<u64> = values.iter().map(|v| sort_key(*v)).collect();
    select_keys(&mut keys, ranks);
    for (value, key) in values.iter_mut().zip(&keys) {
        *value = from_sort_key(*key);
    }
}

/// Select the middle rank, then the ranks on either side within the part
/// that holds them.
fn select_keys(keys: &mut [u64], ranks: &[usize]) {
    if ranks.is_empty() {
        return;
    }
    let mid = ranks.len() / 2;
    let pivot = ranks[mid];
    let (below, _, above) = keys.select_nth_unstable(pivot);
    select_keys(below, &ranks[..mid]);
    let offset = pivot + 1;
    let right: Vec<usize> = ranks[mid + 1..].iter().map(|r| r - offset).collect();
    select_keys(above, &right);
}

/// An integer whose order is `f64::total_cmp`'s order of the float.
fn sort_key(v: f64) -> u64 {
    let bits = v.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    }
}

fn from_sort_key(key: u64) -> f64 {
    let bits = if key >> 63 == 1 {
        key & !(1 << 63)
    } else {
        !key
    };
    f64::from_bits(bits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn matches_numpy_linear() {
        // numpy.percentile([1, 2, 3, 4, 10], [5, 10, 25, 50, 75, 90, 95])
        let mut v = vec![10.0, 2.0, 4.0, 1.0, 3.0];
        let p = percentiles(&mut v);
        let expected = [1.2, 1.4, 2.0, 3.0, 4.0, 7.6, 8.8];
        for (got, want) in p.as_array().iter().zip(expected) {
            assert!((**got - want).abs() < 1e-12, "{got} vs {want}");
        }
    }

    #[test]
    fn one_value_is_every_percentile() {
        assert_eq!(percentiles(&mut [7.0]).p5, 7.0);
        assert_eq!(percentiles(&mut [7.0]).p95, 7.0);
    }

    #[test]
    fn sort_keys_keep_the_order_and_the_value() {
        let values = [
            f64::NEG_INFINITY,
            -1e300,
            -2.5,
            -0.0,
            0.0,
            1e-300,
            3.0,
            f64::INFINITY,
        ];
        for pair in values.windows(2) {
            assert!(sort_key(pair[0]) < sort_key(pair[1]), "{pair:?}");
        }
        for v in values {
            assert_eq!(from_sort_key(sort_key(v)).to_bits(), v.to_bits());
        }
    }

    proptest! {
        #[test]
        fn selection_agrees_with_sorting(mut v in proptest::collection::vec(-1e6f64..1e6, 1..300)) {
            let mut sorted = v.clone();
            sorted.sort_by(f64::total_cmp);
            let p = percentiles(&mut v);
            for (got, level) in p.as_array().iter().zip(LEVELS) {
                prop_assert_eq!(**got, percentile_of_sorted(&sorted, level));
            }
        }
    }
}
