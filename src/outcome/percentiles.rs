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

/// The bad case, the median and the good case of one figure (or series):
/// what the tax figures report.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[allow(missing_docs)] // p10 is the 10th percentile, and so on
pub struct Spread<T> {
    pub p10: T,
    pub p50: T,
    pub p90: T,
}

impl<T: Clone> Spread<T> {
    /// The spread's levels out of all seven.
    pub fn of(all: &Percentiles<T>) -> Self {
        Spread {
            p10: all.p10.clone(),
            p50: all.p50.clone(),
            p90: all.p90.clone(),
        }
    }
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

/// The [`LEVELS`] percentiles of `values` (which it leaves as they were
/// read, in another order).
///
/// Runs in linear time by selection rather than a sort: the engine computes
/// one set per age of every run while a slider moves.
pub fn percentiles(values: &[f64]) -> Percentiles<f64> {
    let mut keys: Vec<u64> = values.iter().map(|v| sort_key(*v)).collect();
    Percentiles::from_array(levels_of_keys(&mut keys, &LEVELS, from_sort_key))
}

/// The percentiles at `levels` of the values whose keys are `keys`, where
/// `decode` turns a key back into its value and keys sort as the values do:
/// [`sort_key`] for any floats, or the bits themselves for floats that are
/// never negative (balances), which sort as their bits do. Only the order
/// statistics the levels need are selected and decoded. NaN for no values.
pub fn levels_of_keys<const L: usize>(
    keys: &mut [u64],
    levels: &[f64; L],
    decode: fn(u64) -> f64,
) -> [f64; L] {
    let n = keys.len();
    if n == 0 {
        return [f64::NAN; L];
    }
    let (ranks, needed) = ranks_needed(levels, n);
    select_keys(keys, &needed, 0);
    interpolate(ranks, n, |rank| decode(keys[rank]))
}

/// Each level's rank among `n` values (numpy's linear method), and the
/// order statistics they need, ascending: at floor(rank) and the one above.
fn ranks_needed<const L: usize>(levels: &[f64; L], n: usize) -> ([f64; L], Vec<usize>) {
    let ranks = levels.map(|p| p / 100.0 * (n - 1) as f64);
    let mut needed: Vec<usize> = ranks
        .iter()
        .flat_map(|r| {
            let lo = r.floor() as usize;
            [lo, (lo + 1).min(n - 1)]
        })
        .collect();
    needed.sort_unstable();
    needed.dedup();
    (ranks, needed)
}

/// Each level's percentile from the order statistics at its rank and the
/// one above, interpolated linearly.
fn interpolate<const L: usize>(
    ranks: [f64; L],
    n: usize,
    order_statistic: impl Fn(usize) -> f64,
) -> [f64; L] {
    ranks.map(|rank| {
        let lo = rank.floor() as usize;
        let frac = rank - lo as f64;
        if frac == 0.0 || lo + 1 >= n {
            order_statistic(lo)
        } else {
            lerp(order_statistic(lo), order_statistic(lo + 1), frac)
        }
    })
}

/// Puts the order statistic of every rank in `ranks` (ascending, counted in
/// the whole slice, of which `keys` starts at `offset`) in its place: the
/// middle rank first, then the ranks on either side within the part that
/// holds them. Integer comparisons are cheaper than `total_cmp`.
fn select_keys(keys: &mut [u64], ranks: &[usize], offset: usize) {
    if ranks.is_empty() {
        return;
    }
    let mid = ranks.len() / 2;
    let pivot = ranks[mid] - offset;
    let (below, _, above) = keys.select_nth_unstable(pivot);
    select_keys(below, &ranks[..mid], offset);
    select_keys(above, &ranks[mid + 1..], offset + pivot + 1);
}

/// Reusable buffers for [`levels_of_chunks`], one per thread.
#[derive(Debug, Default)]
pub struct Selection {
    counts: Vec<u32>,
    slot_of_bucket: Vec<u8>,
    buckets: Vec<Vec<u64>>,
}

/// Bits of the bucket index in [`levels_of_chunks`]: 4,096 counters, which
/// stay in the first-level cache.
const BUCKET_BITS: u32 = 12;
const NO_SLOT: u8 = u8::MAX;

/// What kind of values a selection reads, which decides how they are keyed
/// and counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Values {
    /// Floats never negative (balances): their bits are their keys, and
    /// the buckets are fixed ranges of the exponent, 64 to each doubling
    /// from $1 up (amounts below $1, zero among them, share the first), so
    /// no pass is spent finding the range.
    NonNegative,
    /// Any floats: keyed by [`sort_key`], bucketed between the smallest
    /// and largest key, found in a first pass.
    Any,
}

/// The percentiles at `levels` of the values in `chunks` (read, never
/// moved), as [`levels_of_keys`] gives them, bit for bit.
///
/// Selection by counting: one pass counts the keys into 4,096 ranges of
/// keys, which tells the range each wanted order statistic lies in; one
/// more collects the keys of only those ranges, and a selection within each
/// finds the statistic. Two light passes instead of the several
/// partitioning passes a selection over all values takes, and no copy of
/// the values.
pub fn levels_of_chunks<const L: usize>(
    chunks: &[&[f64]],
    levels: &[f64; L],
    values: Values,
    scratch: &mut Selection,
) -> [f64; L] {
    match values {
        Values::NonNegative => {
            // Exponent and 6 mantissa bits above 2^0: 64 ranges a doubling.
            const ONE: u64 = 1023 << 6;
            let bucket = |k: u64| ((k >> 46).saturating_sub(ONE) as usize).min(BUCKETS - 1);
            select_by_counting(chunks, levels, bits, from_bits, bucket, scratch)
        }
        Values::Any => {
            // One pass: the range of the keys, and how many lie below and
            // at the value most paths may share (under taxes most paths of
            // a year often pay the same tax), a guess from a few of them.
            let common = sort_key(likely_common(chunks));
            let mut scan = Scan::default();
            for chunk in chunks {
                scan = scan.and(Scan::of(chunk, common));
            }
            let Scan {
                low,
                high,
                below,
                equal,
            } = scan;
            let n: usize = chunks.iter().map(|c| c.len()).sum();
            // Every value the same (a tax that is nil at an age on every
            // path): every level is that value.
            if n > 0 && equal == n {
                return [from_sort_key(common); L];
            }
            if equal * 4 >= n && n > 0 {
                return select_around(chunks, levels, common, below, equal, scratch);
            }
            // Equal ranges of the keys between the two, but never wider than
            // a 64th of a doubling (the 18 bits of sign, exponent and first
            // six of mantissa): where the values span more doublings than
            // the buckets cover (a zero among amounts, a negative among
            // positives), the lowest bucket takes all that lies below.
            let span = high.saturating_sub(low);
            let shift = (u64::BITS - span.leading_zeros())
                .saturating_sub(BUCKET_BITS)
                .min(46);
            let base = (low >> shift).max((high >> shift).saturating_sub(BUCKETS as u64 - 1));
            let bucket = |k: u64| (((k >> shift).saturating_sub(base)) as usize).min(BUCKETS - 1);
            select_by_counting(chunks, levels, sort_key, from_sort_key, bucket, scratch)
        }
    }
}

/// Buckets of a selection by counting.
const BUCKETS: usize = 1 << BUCKET_BITS;

/// One pass over values: the range of their [`sort_key`]s, and how many
/// lie below and at one key.
#[derive(Clone, Copy, Debug)]
struct Scan {
    low: u64,
    high: u64,
    below: usize,
    equal: usize,
}

impl Default for Scan {
    fn default() -> Self {
        Scan {
            low: u64::MAX,
            high: u64::MIN,
            below: 0,
            equal: 0,
        }
    }
}

impl Scan {
    /// The scan of `values` around `common`. Compiled for AVX2 where the
    /// machine has it (four values at once); the counts are the same.
    fn of(values: &[f64], common: u64) -> Scan {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the machine has AVX2, checked just above.
            #[allow(unsafe_code)]
            return unsafe { Scan::of_avx2(values, common) };
        }
        Scan::of_lanes(values, common)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn of_avx2(values: &[f64], common: u64) -> Scan {
        Scan::of_lanes(values, common)
    }

    /// Signed keys (`sort_key` less 2^63, as `i64`), whose signed order
    /// is theirs: compares the vector units have.
    #[inline(always)]
    fn of_lanes(values: &[f64], common: u64) -> Scan {
        let signed = |k: u64| (k ^ (1 << 63)) as i64;
        let c = signed(common);
        let (mut low, mut high) = (i64::MAX, i64::MIN);
        let (mut below, mut equal) = (0u64, 0u64);
        for &v in values {
            let bits = v.to_bits() as i64;
            let k = bits ^ (((bits >> 63) as u64) >> 1) as i64;
            low = low.min(k);
            high = high.max(k);
            below += u64::from(k < c);
            equal += u64::from(k == c);
        }
        let unsigned = |k: i64| (k as u64) ^ (1 << 63);
        Scan {
            low: unsigned(low),
            high: unsigned(high),
            below: below as usize,
            equal: equal as usize,
        }
    }

    /// Two scans as one.
    fn and(self, other: Scan) -> Scan {
        Scan {
            low: self.low.min(other.low),
            high: self.high.max(other.high),
            below: self.below + other.below,
            equal: self.equal + other.equal,
        }
    }
}

/// A value the most of `chunks` may share: the most frequent of 15 spread
/// evenly through them (the first of them on a tie). Only a guess: what
/// it is changes how fast a selection is, never what it finds.
fn likely_common(chunks: &[&[f64]]) -> f64 {
    const SAMPLES: usize = 15;
    let n: usize = chunks.iter().map(|c| c.len()).sum();
    let mut samples = [0.0f64; SAMPLES];
    let (mut chunk, mut start) = (0usize, 0usize);
    for (i, sample) in samples.iter_mut().enumerate() {
        let at = i * n / SAMPLES;
        while chunk < chunks.len() && at >= start + chunks[chunk].len() {
            start += chunks[chunk].len();
            chunk += 1;
        }
        *sample = chunks
            .get(chunk)
            .and_then(|c| c.get(at - start))
            .copied()
            .unwrap_or(0.0);
    }
    let count = |v: f64| {
        samples
            .iter()
            .filter(|s| s.to_bits() == v.to_bits())
            .count()
    };
    samples
        .iter()
        .copied()
        .fold((0.0, 0), |(best, most), v| {
            let c = count(v);
            if c > most { (v, c) } else { (best, most) }
        })
        .0
}

/// The percentiles of `chunks` (keyed by [`sort_key`]) of which `equal`
/// share the key `common` and `below` lie below it: the order statistics
/// among the shared value are that value, and only those below or above it
/// are selected, among the values below or above.
fn select_around<const L: usize>(
    chunks: &[&[f64]],
    levels: &[f64; L],
    common: u64,
    below: usize,
    equal: usize,
    scratch: &mut Selection,
) -> [f64; L] {
    let n: usize = chunks.iter().map(|c| c.len()).sum();
    let above_from = below + equal;
    let (ranks, needed) = ranks_needed(levels, n);
    let want_below = needed.first().is_some_and(|&r| r < below);
    let want_above = needed.last().is_some_and(|&r| r >= above_from);
    scratch
        .buckets
        .resize_with(scratch.buckets.len().max(2), Vec::new);
    let (lower, upper) = scratch.buckets.split_at_mut(1);
    let (lower, upper) = (&mut lower[0], &mut upper[0]);
    lower.clear();
    upper.clear();
    if want_below || want_above {
        for chunk in chunks {
            for &v in *chunk {
                let k = sort_key(v);
                if want_below && k < common {
                    lower.push(k);
                } else if want_above && k > common {
                    upper.push(k);
                }
            }
        }
    }
    let low_ranks: Vec<usize> = needed.iter().copied().filter(|&r| r < below).collect();
    let high_ranks: Vec<usize> = needed
        .iter()
        .filter(|&&r| r >= above_from)
        .map(|&r| r - above_from)
        .collect();
    select_keys(lower, &low_ranks, 0);
    select_keys(upper, &high_ranks, 0);
    interpolate(ranks, n, |rank| {
        from_sort_key(if rank < below {
            lower[rank]
        } else if rank < above_from {
            common
        } else {
            upper[rank - above_from]
        })
    })
}

fn select_by_counting<const L: usize>(
    chunks: &[&[f64]],
    levels: &[f64; L],
    key: impl Fn(f64) -> u64,
    decode: impl Fn(u64) -> f64,
    bucket: impl Fn(u64) -> usize,
    scratch: &mut Selection,
) -> [f64; L] {
    let n: usize = chunks.iter().map(|c| c.len()).sum();
    if n == 0 {
        return [f64::NAN; L];
    }
    let (ranks, needed) = ranks_needed(levels, n);
    let Selection {
        counts,
        slot_of_bucket,
        buckets,
    } = scratch;
    counts.clear();
    counts.resize(BUCKETS, 0);
    for chunk in chunks {
        for &v in *chunk {
            counts[bucket(key(v))] += 1;
        }
    }
    // Which bucket each needed rank falls in, and the rank it has there.
    slot_of_bucket.clear();
    slot_of_bucket.resize(counts.len(), NO_SLOT);
    let mut slots: Vec<(usize, usize)> = Vec::new(); // (bucket, ranks before it)
    let mut placed: Vec<(usize, usize)> = Vec::with_capacity(needed.len()); // (slot, rank within)
    let (mut b, mut before) = (0usize, 0usize);
    for &rank in &needed {
        while before + counts[b] as usize <= rank {
            before += counts[b] as usize;
            b += 1;
        }
        if slot_of_bucket[b] == NO_SLOT {
            slot_of_bucket[b] = slots.len() as u8;
            slots.push((b, before));
        }
        placed.push((slot_of_bucket[b] as usize, rank - before));
    }
    buckets.resize_with(buckets.len().max(slots.len()), Vec::new);
    for (slot, &(b, _)) in slots.iter().enumerate() {
        buckets[slot].clear();
        buckets[slot].reserve(counts[b] as usize);
    }
    for chunk in chunks {
        for &v in *chunk {
            let k = key(v);
            let slot = slot_of_bucket[bucket(k)];
            if slot != NO_SLOT {
                buckets[slot as usize].push(k);
            }
        }
    }
    for (slot, bucket_keys) in buckets.iter_mut().enumerate().take(slots.len()) {
        let within: Vec<usize> = placed
            .iter()
            .filter(|(s, _)| *s == slot)
            .map(|(_, r)| *r)
            .collect();
        // A bucket of one value (many paths alike: a tax the same on each)
        // needs no selection: every rank in it is that value.
        let first = bucket_keys.first().copied();
        if bucket_keys.iter().any(|k| Some(*k) != first) {
            select_keys(bucket_keys, &within, 0);
        }
    }
    interpolate(ranks, n, |rank| {
        let i = needed.binary_search(&rank).unwrap_or_default();
        let (slot, within) = placed[i];
        decode(buckets[slot][within])
    })
}

/// The key of a float that is never negative: its own bits.
#[inline(always)]
pub fn bits(value: f64) -> u64 {
    value.to_bits()
}

/// The value of a key that is a float's own bits (a float never negative).
#[inline(always)]
pub fn from_bits(key: u64) -> f64 {
    f64::from_bits(key)
}

/// An integer whose order is `f64::total_cmp`'s order of the float.
#[inline(always)]
pub fn sort_key(v: f64) -> u64 {
    let bits = v.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    }
}

/// The value of a [`sort_key`].
#[inline(always)]
pub fn from_sort_key(key: u64) -> f64 {
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
        let v = vec![10.0, 2.0, 4.0, 1.0, 3.0];
        let p = percentiles(&v);
        let expected = [1.2, 1.4, 2.0, 3.0, 4.0, 7.6, 8.8];
        for (got, want) in p.as_array().iter().zip(expected) {
            assert!((**got - want).abs() < 1e-12, "{got} vs {want}");
        }
    }

    #[test]
    fn one_value_is_every_percentile() {
        assert_eq!(percentiles(&[7.0]).p5, 7.0);
        assert_eq!(percentiles(&[7.0]).p95, 7.0);
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
        fn counting_selection_agrees_with_sorting(
            v in proptest::collection::vec(prop_oneof![Just(0.0), 0.0f64..1.0, 0.0f64..1e7, 1e7f64..1e30], 1..400),
            split in 0usize..400,
        ) {
            let mut sorted = v.clone();
            sorted.sort_by(f64::total_cmp);
            let (a, b) = v.split_at(split.min(v.len()));
            let got = levels_of_chunks(&[a, b], &LEVELS, Values::NonNegative, &mut Selection::default());
            for (got, level) in got.iter().zip(LEVELS) {
                prop_assert_eq!(got.to_bits(), percentile_of_sorted(&sorted, level).to_bits());
            }
            let signed: Vec<f64> = v.iter().map(|x| x - 5e6).collect();
            let mut sorted = signed.clone();
            sorted.sort_by(f64::total_cmp);
            let got = levels_of_chunks(&[&signed], &LEVELS, Values::Any, &mut Selection::default());
            for (got, level) in got.iter().zip(LEVELS) {
                prop_assert_eq!(got.to_bits(), percentile_of_sorted(&sorted, level).to_bits());
            }
        }

        #[test]
        fn a_scan_counts_as_sort_keys_order(
            v in proptest::collection::vec(prop_oneof![Just(0.0), Just(-0.0), Just(f64::INFINITY), -1e9f64..1e9], 0..100),
            pick in 0usize..100,
        ) {
            let common = sort_key(v.get(pick).copied().unwrap_or(1.0));
            let keys: Vec<u64> = v.iter().map(|x| sort_key(*x)).collect();
            let scan = Scan::of(&v, common);
            prop_assert_eq!(scan.low, keys.iter().copied().min().unwrap_or(u64::MAX));
            prop_assert_eq!(scan.high, keys.iter().copied().max().unwrap_or(u64::MIN));
            prop_assert_eq!(scan.below, keys.iter().filter(|k| **k < common).count());
            prop_assert_eq!(scan.equal, keys.iter().filter(|k| **k == common).count());
        }

        #[test]
        fn a_shared_value_is_selected_around(
            others in proptest::collection::vec(-1e4f64..1e4, 0..200),
            shared in 1usize..600,
            at in 0usize..800,
        ) {
            // Many paths alike (a year's tax on the paths of one answer),
            // the others anywhere: the same percentiles as a sort's.
            let mut v = others.clone();
            v.splice(at.min(v.len())..at.min(v.len()), std::iter::repeat_n(1234.5, shared));
            let mut sorted = v.clone();
            sorted.sort_by(f64::total_cmp);
            let got = levels_of_chunks(&[&v], &LEVELS, Values::Any, &mut Selection::default());
            for (got, level) in got.iter().zip(LEVELS) {
                prop_assert_eq!(got.to_bits(), percentile_of_sorted(&sorted, level).to_bits());
            }
        }

        #[test]
        fn selection_agrees_with_sorting(v in proptest::collection::vec(-1e6f64..1e6, 1..300)) {
            let mut sorted = v.clone();
            sorted.sort_by(f64::total_cmp);
            let p = percentiles(&v);
            for (got, level) in p.as_array().iter().zip(LEVELS) {
                prop_assert_eq!(**got, percentile_of_sorted(&sorted, level));
            }
        }
    }
}
