//! Reproducible random streams: one independent stream per simulated path,
//! derived from `(seed, path index)` alone, so a run gives the same bits on
//! every machine run and whatever the number of threads.
//!
//! The generator is xoshiro256++ (Blackman and Vigna), a named, portable
//! algorithm whose output is fixed by its published reference code, unlike
//! `StdRng`, which may change between versions of `rand`. Its 256-bit state
//! is filled from SplitMix64, the seeding the xoshiro authors recommend,
//! written out here so that no library update can change a plan's numbers.

use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;

/// The generator every path uses.
pub type PathRng = Xoshiro256PlusPlus;

const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// SplitMix64's output function: a bijective 64-bit mix.
fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The stream of path `path` of a run seeded with `seed`.
///
/// The key `mix64(mix64(seed) ^ path)` differs for every path of a run (both
/// steps are bijections), and four SplitMix64 steps from it fill the state.
pub fn path_rng(seed: u64, path: u64) -> PathRng {
    let mut state = mix64(mix64(seed) ^ path);
    let mut bytes = [0u8; 32];
    for chunk in bytes.chunks_exact_mut(8) {
        state = state.wrapping_add(GOLDEN_GAMMA);
        chunk.copy_from_slice(&mix64(state).to_le_bytes());
    }
    PathRng::from_seed(bytes)
}

/// Where the lifespan streams sit among a run's streams: far from every
/// market stream's key, whatever the seed.
const LIFE_STREAMS: u64 = 0x4C49_4645_5350_414E; // "LIFESPAN"

/// The lifespan stream of path `path` of a run seeded with `seed`: the
/// ages at death are drawn from it, never from the market stream, so the
/// markets are the same draws whichever lifespans a plan uses (MODEL-v3
/// §17). Keyed as [`path_rng`] is, from the seed mixed with a constant.
pub fn life_rng(seed: u64, path: u64) -> PathRng {
    path_rng(mix64(seed ^ LIFE_STREAMS), path)
}

/// Where the private asset's streams sit: apart from the market's and the
/// lifespans', whatever the seed.
const PRIVATE_STREAMS: u64 = 0x5052_4956_4154_4553; // "PRIVATES"

/// The private asset's stream of path `path`: its normal each year is
/// drawn from it, never from the market stream, so a plan with and without
/// a private sleeve sees the same stock, bond, cash and crypto draws
/// (MODEL-v3 §18). Keyed as [`life_rng`] is.
pub fn private_rng(seed: u64, path: u64) -> PathRng {
    path_rng(mix64(seed ^ PRIVATE_STREAMS), path)
}

/// A uniform draw in [0, 1) from the top 53 bits of the next output.
pub fn uniform(rng: &mut PathRng) -> f64 {
    use rand::Rng;
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::Rng;

    #[test]
    fn streams_are_fixed_by_seed_and_path() {
        let a: Vec<u64> = (0..4)
            .map(|_| 0)
            .scan(path_rng(42, 7), |r, _: u64| Some(r.next_u64()))
            .collect();
        let b: Vec<u64> = (0..4)
            .map(|_| 0)
            .scan(path_rng(42, 7), |r, _: u64| Some(r.next_u64()))
            .collect();
        assert_eq!(a, b);
        assert_ne!(path_rng(42, 7).next_u64(), path_rng(42, 8).next_u64());
        assert_ne!(path_rng(42, 7).next_u64(), path_rng(43, 7).next_u64());
    }

    #[test]
    fn the_generator_is_pinned() {
        // If this changes, every saved plan's numbers change: do not update
        // it without a format version note.
        assert_eq!(
            format!("{:016x}", path_rng(42, 0).next_u64()),
            "167674d8b56cef42"
        );
    }
}
