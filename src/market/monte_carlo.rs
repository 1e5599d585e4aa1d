//! Monte Carlo market returns: correlated lognormal real returns for stocks,
//! bonds, cash and crypto, with crypto crash jumps.
//!
//! Each path-year consumes, in this fixed order and whether or not they are
//! used: four standard normals, one uniform (does a crash happen), one
//! standard normal (the jump's size). So changing the sleeve, the crypto
//! view or turning crashes off never shifts the stock and bond draws. The
//! private asset's normal (the fifth) comes from a stream of its own
//! ([`private_rng`](super::rng::private_rng)), drawn only for plans that
//! hold one, so adding a private sleeve shifts none of the others.

use rand::Rng;
use rand::distr::{Distribution, StandardUniform};
use rand_distr::StandardNormal;

use crate::plan::asset::{ASSETS, Asset, PerAsset};
use crate::plan::assumptions::{
    AssetAssumption, Assumptions, CorrelationProblem, Correlations, CryptoCrash,
};

/// One path-year's raw draws, in the order they are consumed.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct YearDraws {
    /// Independent standard normals, one per asset (the private asset's
    /// from its own stream: 0 until [`YearDraws::with_private`]).
    pub z: [f64; ASSETS],
    /// Uniform in [0, 1): a crash happens when it is below the probability.
    pub crash_uniform: f64,
    /// A standard normal: the crash's size.
    pub jump_normal: f64,
}

impl YearDraws {
    /// The next path-year's draws from a path's stream.
    #[inline(always)]
    pub fn sample<R: Rng + ?Sized>(rng: &mut R) -> Self {
        let z = [
            StandardNormal.sample(rng),
            StandardNormal.sample(rng),
            StandardNormal.sample(rng),
            StandardNormal.sample(rng),
            0.0,
        ];
        let crash_uniform: f64 = StandardUniform.sample(rng);
        let jump_normal = StandardNormal.sample(rng);
        YearDraws {
            z,
            crash_uniform,
            jump_normal,
        }
    }
}

impl YearDraws {
    /// These draws with the private asset's normal, the next of its own
    /// stream.
    #[inline(always)]
    pub fn with_private<R: Rng + ?Sized>(mut self, private_rng: &mut R) -> Self {
        self.z[Asset::Private.index()] = private_normal(private_rng);
        self
    }
}

/// The private asset's normal of one path-year, from its own stream.
#[inline(always)]
pub fn private_normal<R: Rng + ?Sized>(private_rng: &mut R) -> f64 {
    StandardNormal.sample(private_rng)
}

/// The return model of a plan, ready to turn draws into returns.
#[derive(Clone, Debug, PartialEq)]
pub struct ReturnModel {
    /// Log-return drift per asset, mean-corrected so `E[1 + R] = 1 + mean`.
    drift: PerAsset<f64>,
    volatility: PerAsset<f64>,
    /// Row `a` of the Cholesky factor: how asset `a` loads on each draw.
    factor: PerAsset<[f64; ASSETS]>,
    crash: Option<CryptoCrash>,
}

/// The drift `ln(1 + m) - σ²/2` that makes `E[exp(x)] = 1 + m`.
pub fn lognormal_drift(asset: &AssetAssumption) -> f64 {
    (1.0 + asset.mean).ln() - asset.volatility * asset.volatility / 2.0
}

/// How much a crash lowers crypto's expected growth factor, in log terms:
/// `ln(1 - λ + λ·exp(μ_J + σ_J²/2))`. Subtracted from the drift, it keeps
/// crypto's expected return at its assumed mean.
pub fn crash_compensation(crash: &CryptoCrash) -> f64 {
    let l = crash.probability;
    (1.0 - l + l * (crash.mean + crash.volatility * crash.volatility / 2.0).exp()).ln()
}

impl ReturnModel {
    /// The model of `a` without a private asset; the correlations'
    /// problems if they are not valid (validation reports those before a run).
    pub fn new(a: &Assumptions) -> Result<Self, Vec<CorrelationProblem>> {
        Ok(Self::with_correlations(
            a,
            &Correlations::new(&a.correlations)?,
            None,
        ))
    }

    /// The model of `a` with its correlations already checked (the private
    /// row in them) and the private asset's true return, if a plan holds one.
    pub fn with_correlations(
        a: &Assumptions,
        correlations: &Correlations,
        private: Option<AssetAssumption>,
    ) -> Self {
        let factor = PerAsset(*correlations.factor());
        let assets = a.assets(private);
        let mut drift = assets.map(|asset| lognormal_drift(&asset));
        if let Some(crash) = &a.crypto_crash {
            drift[Asset::Crypto] -= crash_compensation(crash);
        }
        ReturnModel {
            drift,
            volatility: assets.map(|asset| asset.volatility),
            factor,
            crash: a.crypto_crash.clone(),
        }
    }

    /// Whether this model and `other` make the same returns for every
    /// asset but the private one (its row, drift and volatility aside): a
    /// plan without a private sleeve can then read its growth from either.
    pub fn same_but_private(&self, other: &ReturnModel) -> bool {
        let p = Asset::Private;
        let public = |m: &ReturnModel| {
            Asset::ALL
                .into_iter()
                .filter(|a| *a != p)
                .map(|a| (m.drift[a], m.volatility[a], m.factor[a]))
                .collect::<Vec<_>>()
        };
        self.crash == other.crash && public(self) == public(other)
    }

    /// The year's log returns from its draws: `x = μ + σ·(L·z)`, plus the
    /// crash jump on crypto when the uniform falls below its probability.
    #[inline]
    pub fn log_returns(&self, d: &YearDraws) -> PerAsset<f64> {
        let mut x = PerAsset([0.0; ASSETS]);
        for (asset, xi) in x.iter_mut() {
            let mut eps = 0.0;
            for k in 0..=asset.index() {
                eps += self.factor[asset][k] * d.z[k];
            }
            *xi = self.drift[asset] + self.volatility[asset] * eps;
        }
        if let Some(crash) = &self.crash
            && d.crash_uniform < crash.probability
        {
            x[Asset::Crypto] += crash.mean + crash.volatility * d.jump_normal;
        }
        x
    }

    /// One asset's growth factors `1 + R` for a batch of paths, from the
    /// batch's draws laid out by kind (`z[k][lane]`, the crash uniform and
    /// jump normal by lane): the arithmetic of [`ReturnModel::log_returns`]
    /// lane by lane, then our own [`exp`](super::exp::exp), so a batch gives
    /// the bits a path alone gives. Compiled for AVX2 where the machine has
    /// it; the bits are the same either way.
    pub fn growth_of_asset(
        &self,
        asset: Asset,
        z: &[Vec<f64>; ASSETS],
        crash_uniform: &[f64],
        jump_normal: &[f64],
        out: &mut [f64],
    ) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the machine has AVX2, checked just above.
            #[allow(unsafe_code)]
            unsafe {
                self.growth_avx2(asset, z, crash_uniform, jump_normal, out)
            };
            return;
        }
        self.growth_lanes(asset, z, crash_uniform, jump_normal, out);
    }

    /// [`ReturnModel::growth_of_asset`] compiled for AVX2.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn growth_avx2(
        &self,
        asset: Asset,
        z: &[Vec<f64>; ASSETS],
        crash_uniform: &[f64],
        jump_normal: &[f64],
        out: &mut [f64],
    ) {
        self.growth_lanes(asset, z, crash_uniform, jump_normal, out);
    }

    #[inline(always)]
    fn growth_lanes(
        &self,
        asset: Asset,
        z: &[Vec<f64>; ASSETS],
        crash_uniform: &[f64],
        jump_normal: &[f64],
        out: &mut [f64],
    ) {
        // One copy of the loop per asset, its index a constant.
        const STOCKS: usize = Asset::Stocks.index();
        const BONDS: usize = Asset::Bonds.index();
        const CASH: usize = Asset::Cash.index();
        const CRYPTO: usize = Asset::Crypto.index();
        const PRIVATE: usize = Asset::Private.index();
        match asset {
            Asset::Stocks => self.growth_lanes_of::<STOCKS>(z, crash_uniform, jump_normal, out),
            Asset::Bonds => self.growth_lanes_of::<BONDS>(z, crash_uniform, jump_normal, out),
            Asset::Cash => self.growth_lanes_of::<CASH>(z, crash_uniform, jump_normal, out),
            Asset::Crypto => self.growth_lanes_of::<CRYPTO>(z, crash_uniform, jump_normal, out),
            Asset::Private => self.growth_lanes_of::<PRIVATE>(z, crash_uniform, jump_normal, out),
        }
    }

    /// Asset `A`'s growth, lane by lane: `exp(μ + σ·Σₖ L[A][k]·z[k])`, with
    /// the crash jump on crypto.
    #[inline(always)]
    fn growth_lanes_of<const A: usize>(
        &self,
        z: &[Vec<f64>; ASSETS],
        crash_uniform: &[f64],
        jump_normal: &[f64],
        out: &mut [f64],
    ) {
        let n = out.len();
        let z: [&[f64]; ASSETS] = std::array::from_fn(|k| &z[k][..n]);
        let (u, j) = (&crash_uniform[..n], &jump_normal[..n]);
        let asset = Asset::ALL[A];
        let factor = self.factor[asset];
        let (drift, volatility) = (self.drift[asset], self.volatility[asset]);
        // No crash: a probability no uniform draw is below. Crashes are
        // crypto's alone.
        let (probability, jump_mean, jump_volatility) = match (&self.crash, asset) {
            (Some(c), Asset::Crypto) => (c.probability, c.mean, c.volatility),
            _ => (0.0, 0.0, 0.0),
        };
        // Two plain loops the compiler vectorises: the log returns, then
        // exp. L is lower-triangular, so the entries past the diagonal are
        // 0 and adding their products (±0) changes no sum but a zero's sign,
        // which exp does not see.
        // The private asset's own normal loads only the private asset
        // (the factor is lower-triangular and it is last): the other four
        // sum exactly the terms they did before it existed.
        let [f0, f1, f2, f3, f4] = factor;
        let [z0, z1, z2, z3, z4] = z;
        if A == Asset::Private.index() {
            // No crash jump: crashes are crypto's alone.
            let lanes = out
                .iter_mut()
                .zip(z0.iter().zip(z1).zip(z2.iter().zip(z3)))
                .zip(z4);
            for ((x, ((z0, z1), (z2, z3))), z4) in lanes {
                let eps = 0.0 + f0 * z0 + f1 * z1 + f2 * z2 + f3 * z3 + f4 * z4;
                *x = drift + volatility * eps;
            }
            for x in out.iter_mut() {
                *x = super::exp::exp(*x);
            }
            return;
        }
        let lanes = out
            .iter_mut()
            .zip(z0.iter().zip(z1).zip(z2.iter().zip(z3)))
            .zip(u.iter().zip(j));
        for ((x, ((z0, z1), (z2, z3))), (u, j)) in lanes {
            let eps = 0.0 + f0 * z0 + f1 * z1 + f2 * z2 + f3 * z3;
            let jump = if *u < probability {
                jump_mean + jump_volatility * j
            } else {
                0.0
            };
            *x = (drift + volatility * eps) + jump;
        }
        for x in out.iter_mut() {
            *x = super::exp::exp(*x);
        }
    }

    /// The year's real simple returns from its draws (0.05 is +5%).
    pub fn returns(&self, d: &YearDraws) -> PerAsset<f64> {
        self.log_returns(d).map(f64::exp_m1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::market::rng::path_rng;

    #[test]
    fn a_batch_gives_each_path_s_bits_on_every_simd_width() {
        let model = ReturnModel::new(&Assumptions::default()).unwrap();
        let lanes = 101;
        let draws: Vec<YearDraws> = (0..lanes)
            .map(|p| YearDraws::sample(&mut path_rng(5, p as u64)))
            .collect();
        assert!(
            draws.iter().any(|d| d.crash_uniform < 0.25),
            "a crash is tested"
        );
        let z: [Vec<f64>; ASSETS] = std::array::from_fn(|k| draws.iter().map(|d| d.z[k]).collect());
        let u: Vec<f64> = draws.iter().map(|d| d.crash_uniform).collect();
        let j: Vec<f64> = draws.iter().map(|d| d.jump_normal).collect();
        for asset in Asset::ALL {
            let alone: Vec<u64> = draws
                .iter()
                .map(|d| crate::market::exp::exp(model.log_returns(d)[asset]).to_bits())
                .collect();
            let mut portable = vec![0.0; lanes];
            model.growth_lanes(asset, &z, &u, &j, &mut portable);
            let mut dispatched = vec![0.0; lanes];
            model.growth_of_asset(asset, &z, &u, &j, &mut dispatched);
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&portable), alone, "{asset:?}");
            assert_eq!(bits(&dispatched), alone, "{asset:?}");
        }
    }

    #[test]
    fn zero_volatility_gives_the_mean_exactly() {
        let mut a = Assumptions::default();
        for asset in [&mut a.stocks, &mut a.bonds, &mut a.cash, &mut a.crypto] {
            asset.volatility = 0.0;
        }
        a.crypto_crash = None;
        let model = ReturnModel::new(&a).unwrap();
        let r = model.returns(&YearDraws::sample(&mut path_rng(1, 1)));
        assert!((r[Asset::Stocks] - 0.055).abs() < 1e-15);
        assert!((r[Asset::Crypto] - 0.08).abs() < 1e-15);
    }

    #[test]
    fn the_draw_order_is_fixed() {
        use rand::RngExt;
        let mut rng = path_rng(9, 3);
        let d = YearDraws::sample(&mut rng);
        let mut again = path_rng(9, 3);
        let z0: f64 = again.sample(StandardNormal);
        assert_eq!(d.z[0], z0);
        for _ in 0..3 {
            let _: f64 = again.sample(StandardNormal);
        }
        assert_eq!(d.crash_uniform, again.random::<f64>());
        assert_eq!(d.jump_normal, again.sample::<f64, _>(StandardNormal));
    }
}
